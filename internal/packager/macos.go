package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"minuit/internal/manifest"
)

// minMacOS is the oldest macOS the Go toolchain of go.mod supports (Go 1.25+: 12).
const minMacOS = "12.0"

// plistEntry is one key of Info.plist with a string, bool or []string value.
type plistEntry struct {
	key   string
	value any
}

// infoPlist is the bundle's Info.plist entries, in the order written.
func infoPlist(a manifest.App) []plistEntry {
	return []plistEntry{
		{"CFBundleDevelopmentRegion", "en"},
		{"CFBundleDisplayName", a.Name},
		{"CFBundleExecutable", manifest.BinaryName},
		{"CFBundleIconFile", manifest.IconName + ".icns"},
		{"CFBundleIdentifier", a.ID},
		{"CFBundleInfoDictionaryVersion", "6.0"},
		{"CFBundleLocalizations", []string{"en", "fr"}}, // lets AppleLanguages pick French
		{"CFBundleName", a.Name},
		{"CFBundlePackageType", "APPL"},
		{"CFBundleShortVersionString", a.Version},
		{"CFBundleSupportedPlatforms", []string{"MacOSX"}},
		{"CFBundleVersion", strconv.Itoa(a.Build)},
		{"LSApplicationCategoryType", "public.app-category.business"},
		{"LSMinimumSystemVersion", minMacOS},
		{"NSHighResolutionCapable", true},
	}
}

// plistXML writes entries as an XML property list.
func plistXML(entries []plistEntry) []byte {
	var b bytes.Buffer
	esc := func(s string) string { var e bytes.Buffer; _ = xml.EscapeText(&e, []byte(s)); return e.String() }
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n")
	b.WriteString("<plist version=\"1.0\">\n<dict>\n")
	for _, e := range entries {
		b.WriteString("\t<key>" + esc(e.key) + "</key>\n")
		switch v := e.value.(type) {
		case string:
			b.WriteString("\t<string>" + esc(v) + "</string>\n")
		case bool:
			b.WriteString("\t<" + strconv.FormatBool(v) + "/>\n")
		case []string:
			b.WriteString("\t<array>\n")
			for _, s := range v {
				b.WriteString("\t\t<string>" + esc(s) + "</string>\n")
			}
			b.WriteString("\t</array>\n")
		}
	}
	b.WriteString("</dict>\n</plist>\n")
	return b.Bytes()
}

// writeMacOS writes the bundle's Info.plist and icon into app (Minuit.app).
func writeMacOS(app string, a manifest.App, icon image.Image) error {
	icns, err := icnsOf(icon)
	if err != nil {
		return err
	}
	contents := filepath.Join(app, "Contents")
	if err := writeFile(filepath.Join(contents, "Info.plist"), plistXML(infoPlist(a)), 0o644); err != nil {
		return err
	}
	return writeFile(filepath.Join(contents, "Resources", manifest.IconName+".icns"), icns, 0o644)
}

// checkPlist parses an XML property list (the subset Info.plist uses: a dict of
// strings, booleans and arrays of strings) and checks it says what infoPlist says.
func checkPlist(b []byte, a manifest.App) error {
	got, err := parsePlist(b)
	if err != nil {
		return fmt.Errorf("info.plist: %w", err)
	}
	for _, e := range infoPlist(a) {
		v, ok := got[e.key]
		if !ok {
			return fmt.Errorf("info.plist: no %s", e.key)
		}
		if fmt.Sprint(v) != fmt.Sprint(e.value) {
			return fmt.Errorf("info.plist: %s is %v, want %v", e.key, v, e.value)
		}
	}
	return nil
}

// parsePlist reads <plist version="1.0"><dict>…</dict></plist> into a map.
func parsePlist(b []byte) (map[string]any, error) {
	if !bytes.Contains(b, []byte("<!DOCTYPE plist")) {
		return nil, errors.New("no plist DOCTYPE")
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []string
	out := map[string]any{}
	var key, text string
	var arr []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path := strings.Join(append(stack, t.Name.Local), "/")
			switch path {
			case "plist", "plist/dict", "plist/dict/key", "plist/dict/string", "plist/dict/array",
				"plist/dict/array/string", "plist/dict/true", "plist/dict/false":
			default:
				return nil, fmt.Errorf("unexpected <%s> at %s", t.Name.Local, path)
			}
			if path == "plist" && attr(t, "version") != "1.0" {
				return nil, errors.New(`<plist> is not version="1.0"`)
			}
			if path != "plist" && path != "plist/dict" && path != "plist/dict/key" && key == "" && !strings.HasPrefix(path, "plist/dict/array/") {
				return nil, fmt.Errorf("a <%s> value without its <key>", t.Name.Local)
			}
			stack, text = append(stack, t.Name.Local), ""
		case xml.CharData:
			text += string(t)
		case xml.EndElement:
			path := strings.Join(stack, "/")
			stack = stack[:len(stack)-1]
			switch path {
			case "plist/dict/key":
				if _, dup := out[text]; dup || key != "" {
					return nil, fmt.Errorf("key %q repeated or without a value", text)
				}
				key = text
			case "plist/dict/string":
				out[key], key = text, ""
			case "plist/dict/true", "plist/dict/false":
				out[key], key = path == "plist/dict/true", ""
			case "plist/dict/array/string":
				arr = append(arr, text)
			case "plist/dict/array":
				out[key], key, arr = arr, "", nil
			}
		}
	}
	if key != "" || len(stack) != 0 {
		return nil, errors.New("the property list ends early")
	}
	return out, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
