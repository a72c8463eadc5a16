package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"minuit/internal/manifest"
)

var testApp = manifest.App{Name: "Minuit", ID: "app.minuit.desktop", Version: "1.2.3", Build: 4, Icon: "assets/icon.png"}

// disc is a 512×512 icon: an opaque red disc on transparency.
func disc() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 512, 512))
	for y := 0; y < 512; y++ {
		for x := 0; x < 512; x++ {
			if dx, dy := x-256, y-256; dx*dx+dy*dy < 200*200 {
				img.SetNRGBA(x, y, color.NRGBA{R: 255, A: 255})
			}
		}
	}
	return img
}

func TestShrinkingKeepsColoursAndTransparency(t *testing.T) {
	for _, s := range []int{16, 22, 48, 256} {
		img := scale(disc(), s)
		if img.Bounds().Dx() != s {
			t.Fatalf("size %d: got %v", s, img.Bounds())
		}
		if c := img.NRGBAAt(s/2, s/2); c != (color.NRGBA{R: 255, A: 255}) {
			t.Errorf("size %d: centre %v, want opaque red", s, c)
		}
		if c := img.NRGBAAt(0, 0); c.A != 0 {
			t.Errorf("size %d: corner %v, want transparent", s, c)
		}
		// An edge pixel is partly covered: its alpha is between, its colour still red (no dark fringe).
		for x := 0; x < s; x++ {
			if c := img.NRGBAAt(x, s/2); c.A > 0 && c.A < 255 && (c.R != 255 || c.G != 0) {
				t.Errorf("size %d: edge pixel %v darkened", s, c)
			}
		}
	}
}

func TestTheIconFileHoldsEverySizeAsPNG(t *testing.T) {
	b, err := icoOf(disc(), icoSizes)
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := readICO(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range icoSizes {
		if imgs[s] == nil {
			t.Errorf("no %d px image in the .ico", s)
		}
	}
	if b[6+16*(len(icoSizes)-1)] != 0 {
		t.Errorf("the 256 px entry's width byte must be 0")
	}
}

func TestTheMacIconFileListsItsEntriesWithTheirLengths(t *testing.T) {
	b, err := icnsOf(disc())
	if err != nil {
		t.Fatal(err)
	}
	if string(b[:4]) != "icns" || int(binary.BigEndian.Uint32(b[4:])) != len(b) {
		t.Fatalf("header %q, length %d for %d bytes", b[:4], binary.BigEndian.Uint32(b[4:]), len(b))
	}
	var codes []string
	for off := 8; off < len(b); {
		n := int(binary.BigEndian.Uint32(b[off+4:]))
		if n < 8 || off+n > len(b) || !bytes.HasPrefix(b[off+8:], []byte("\x89PNG")) {
			t.Fatalf("entry %q at %d: length %d", b[off:off+4], off, n)
		}
		codes = append(codes, string(b[off:off+4]))
		off += n
	}
	if len(codes) != len(icnsTypes) || codes[0] != "icp4" || codes[5] != "ic09" {
		t.Errorf("entries %v", codes)
	}
}

func TestTheDesktopEntryStartsMinuitFromTheMenuInFrenchToo(t *testing.T) {
	e := desktopEntry(testApp)
	for _, want := range []string{"[Desktop Entry]\n", "\nExec=minuit\n", "\nIcon=minuit\n", "\nCategories=Office;\n",
		"\nName[fr]=Minuit\n", "\nComment[fr]=", "\nType=Application\n"} {
		if !strings.Contains(e, want) {
			t.Errorf("the entry lacks %q:\n%s", want, e)
		}
	}
}

func TestTheLinuxTreeHasTheEntryAndEveryHicolorSize(t *testing.T) {
	dir := t.TempDir()
	if err := writeLinux(dir, testApp, disc()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "share/applications/minuit.desktop")); err != nil {
		t.Error(err)
	}
	for _, s := range []string{"16x16", "32x32", "48x48", "128x128", "256x256", "512x512"} {
		if _, err := os.Stat(filepath.Join(dir, "share/icons/hicolor", s, "apps/minuit.png")); err != nil {
			t.Error(err)
		}
	}
}

func TestTheResourceScriptCarriesTheVersionAndEscapesQuotes(t *testing.T) {
	a := testApp
	a.Name = `Mi"nuit`
	rc := resourceScript(a)
	for _, want := range []string{"FILEVERSION 1,2,3,4", "PRODUCTVERSION 1,2,3,4", `VALUE "ProductVersion", "1.2.3"`,
		`VALUE "ProductName", "Mi""nuit"`, `1 ICON "minuit.ico"`, `1 24 "minuit.exe.manifest"`} {
		if !strings.Contains(rc, want) {
			t.Errorf("the script lacks %q:\n%s", want, rc)
		}
	}
	if m := appManifest(a); !strings.Contains(m, `version="1.2.3.4"`) || !strings.Contains(m, "Mi&quot;nuit") {
		t.Errorf("manifest:\n%s", m)
	}
}

func TestCheckExeRefusesAFileWithoutResources(t *testing.T) {
	exe, err := os.Executable() // the test binary: a Linux ELF here, a PE without resources on Windows
	if err != nil {
		t.Fatal(err)
	}
	if err := checkExe(exe, testApp); err == nil {
		t.Error("checkExe accepted the test binary")
	}
}

func TestTheFixedVersionIsReadFromAVersionResource(t *testing.T) {
	v := make([]byte, 40)
	copy(v[8:], []byte{0xbd, 0x04, 0xef, 0xfe, 0, 0, 1, 0})
	binary.LittleEndian.PutUint32(v[16:], 1<<16|2)
	binary.LittleEndian.PutUint32(v[20:], 3<<16|4)
	got, err := fixedVersion(v)
	if err != nil || got != [4]int{1, 2, 3, 4} {
		t.Errorf("got %v, %v", got, err)
	}
	if _, err := fixedVersion(v[:8]); err == nil {
		t.Error("no signature, no error")
	}
}

func TestTheInfoPlistWrittenIsTheInfoPlistChecked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Minuit.app")
	if err := writeMacOS(dir, testApp, disc()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "Contents/Info.plist"))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkPlist(b, testApp); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Contents/Resources/minuit.icns")); err != nil {
		t.Error(err)
	}
	other := testApp
	other.Version = "1.2.4"
	if err := checkPlist(b, other); err == nil || !strings.Contains(err.Error(), "CFBundleShortVersionString") {
		t.Errorf("another version: %v", err)
	}
}

func TestABrokenInfoPlistIsRefused(t *testing.T) {
	good := string(plistXML(infoPlist(testApp)))
	for name, bad := range map[string]string{
		"not closed":     strings.Replace(good, "</dict>", "", 1),
		"no doctype":     strings.Replace(good, "<!DOCTYPE plist", "<!-- ", 1),
		"value alone":    strings.Replace(good, "<key>CFBundleName</key>", "", 1),
		"key repeated":   strings.Replace(good, "<key>CFBundleName</key>", "<key>CFBundleExecutable</key>", 1),
		"unknown tag":    strings.Replace(good, "<true/>", "<maybe/>", 1),
		"bad entity":     strings.Replace(good, "Minuit", "Min&uit", 1),
		"wrong version":  strings.Replace(good, `version="1.0"`, `version="2.0"`, 1),
		"missing a key":  strings.Replace(good, "<key>CFBundleExecutable</key>\n\t<string>minuit</string>\n", "", 1),
		"key after last": strings.Replace(good, "</dict>", "<key>X</key></dict>", 1),
	} {
		if err := checkPlist([]byte(bad), testApp); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestAGarbledResourceSectionIsReadWithoutPanicking(t *testing.T) {
	seed := uint32(1)
	next := func() byte { seed = seed*1664525 + 1013904223; return byte(seed >> 24) }
	for n := 0; n < 2000; n++ {
		b := make([]byte, n%300)
		for i := range b {
			b[i] = next()
		}
		if n%3 == 0 && len(b) > 24 { // a plausible root directory pointing anywhere
			binary.LittleEndian.PutUint16(b[14:], 1)
			binary.LittleEndian.PutUint32(b[16:], rtVersion)
			binary.LittleEndian.PutUint32(b[20:], 0x80000000|uint32(next()))
		}
		for _, typ := range []uint32{rtIcon, rtVersion} {
			if leaf, ok := firstLeaf(b, uint32(next()), typ); ok {
				_, _ = fixedVersion(leaf)
			}
		}
		_, _ = parsePlist(b)
	}
}
