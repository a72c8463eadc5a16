package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"minuit/internal/manifest"
)

// Resource types of a Windows executable (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// appManifest is the executable's application manifest: runs as the invoking user
// (no elevation prompt) and declares Windows 10/11.
func appManifest(a manifest.App) string {
	n := a.Numbers()
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity version="%d.%d.%d.%d" processorArchitecture="amd64" name="%s" type="win32"/>
  <description>%s</description>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security><requestedPrivileges><requestedExecutionLevel level="asInvoker" uiAccess="false"/></requestedPrivileges></security>
  </trustInfo>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application><supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/></application>
  </compatibility>
</assembly>
`, n[0], n[1], n[2], n[3], xmlText(a.ID), xmlText(a.Name))
}

// resourceScript is the windres input: icon, manifest and version resources.
func resourceScript(a manifest.App) string {
	n := a.Numbers()
	nums := fmt.Sprintf("%d,%d,%d,%d", n[0], n[1], n[2], n[3])
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	var b strings.Builder
	b.WriteString("// Written by internal/packager from FyneApp.toml: do not edit.\n")
	b.WriteString("1 ICON \"minuit.ico\"\n")
	fmt.Fprintf(&b, "1 %d \"minuit.exe.manifest\"\n", rtManifest)
	fmt.Fprintf(&b, "1 VERSIONINFO\nFILEVERSION %s\nPRODUCTVERSION %s\nFILEFLAGSMASK 0x3f\nFILEFLAGS 0\n", nums, nums)
	b.WriteString("FILEOS 0x40004\nFILETYPE 1\nFILESUBTYPE 0\nBEGIN\n  BLOCK \"StringFileInfo\"\n  BEGIN\n    BLOCK \"040904b0\"\n    BEGIN\n")
	for _, kv := range [][2]string{
		{"CompanyName", a.Name}, {"FileDescription", a.Name}, {"FileVersion", a.Version},
		{"InternalName", manifest.BinaryName}, {"OriginalFilename", manifest.BinaryName + ".exe"},
		{"ProductName", a.Name}, {"ProductVersion", a.Version},
	} {
		fmt.Fprintf(&b, "      VALUE %s, %s\n", q(kv[0]), q(kv[1]))
	}
	b.WriteString("    END\n  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n    VALUE \"Translation\", 0x409, 1200\n  END\nEND\n")
	return b.String()
}

// writeWindows writes the icon, the manifest and the resource script into dir.
func writeWindows(dir string, a manifest.App, icon image.Image) error {
	ico, err := icoOf(icon, icoSizes)
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"minuit.ico":          ico,
		"minuit.exe.manifest": []byte(appManifest(a)),
		"minuit.rc":           []byte(resourceScript(a)),
	} {
		if err := writeFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// checkExe opens a Windows executable and checks that it carries an icon, a
// manifest and a version resource whose fixed file version is the manifest's.
func checkExe(path string, a manifest.App) error {
	f, err := pe.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sec := f.Section(".rsrc")
	if sec == nil {
		return fmt.Errorf("%s has no resources (no icon, no version)", path)
	}
	data, err := sec.Data()
	if err != nil {
		return err
	}
	found := map[uint32][]byte{}
	for _, typ := range []uint32{rtIcon, rtGroupIcon, rtVersion, rtManifest} {
		if leaf, ok := firstLeaf(data, sec.VirtualAddress, typ); ok {
			found[typ] = leaf
		}
	}
	for typ, name := range map[uint32]string{rtIcon: "icon", rtGroupIcon: "icon group", rtVersion: "version", rtManifest: "manifest"} {
		if found[typ] == nil {
			return fmt.Errorf("%s has no %s resource", path, name)
		}
	}
	got, err := fixedVersion(found[rtVersion])
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if got != a.Numbers() {
		return fmt.Errorf("%s says version %v, FyneApp.toml %v", path, got, a.Numbers())
	}
	return nil
}

// firstLeaf follows the resource tree (type → name → language) from the type typ
// down its first entries, and returns the data it ends at.
func firstLeaf(rsrc []byte, base uint32, typ uint32) ([]byte, bool) {
	le := binary.LittleEndian
	dir := uint32(0)
	for level := 0; level < 3; level++ {
		if int(dir)+16 > len(rsrc) {
			return nil, false
		}
		count := int(le.Uint16(rsrc[dir+12:])) + int(le.Uint16(rsrc[dir+14:]))
		next, ok := uint32(0), false
		for i := 0; i < count; i++ {
			e := int(dir) + 16 + 8*i
			if e+8 > len(rsrc) {
				return nil, false
			}
			id, off := le.Uint32(rsrc[e:]), le.Uint32(rsrc[e+4:])
			if level == 0 && id != typ {
				continue
			}
			next, ok = off, true
			break
		}
		if !ok {
			return nil, false
		}
		if level < 2 {
			if next&0x80000000 == 0 {
				return nil, false
			}
			dir = next &^ 0x80000000
			continue
		}
		if int(next)+8 > len(rsrc) {
			return nil, false
		}
		rva, size := le.Uint32(rsrc[next:]), le.Uint32(rsrc[next+4:])
		start := int64(rva) - int64(base)
		if start < 0 || start+int64(size) > int64(len(rsrc)) {
			return nil, false
		}
		return rsrc[start : start+int64(size)], true
	}
	return nil, false
}

// fixedVersion reads FILEVERSION from a VS_VERSIONINFO resource.
func fixedVersion(v []byte) ([4]int, error) {
	sig := []byte{0xbd, 0x04, 0xef, 0xfe} // VS_FIXEDFILEINFO's signature 0xFEEF04BD
	i := bytes.Index(v, sig)
	if i < 0 || i+16 > len(v) {
		return [4]int{}, errors.New("the version resource has no fixed file information")
	}
	ms, ls := binary.LittleEndian.Uint32(v[i+8:]), binary.LittleEndian.Uint32(v[i+12:])
	return [4]int{int(ms >> 16), int(ms & 0xffff), int(ls >> 16), int(ls & 0xffff)}, nil
}

func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
