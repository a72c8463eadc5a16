package app

import (
	"encoding/xml"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// execArgs reads a desktop entry's Exec value back into arguments, as the Desktop
// Entry spec says: string escapes first, then the quoting of the arguments.
func execArgs(t *testing.T, entry string) []string {
	t.Helper()
	var value string
	for _, line := range strings.Split(entry, "\n") {
		if v, ok := strings.CutPrefix(line, "Exec="); ok {
			value = v
		}
	}
	if value == "" {
		t.Fatalf("no Exec line in\n%s", entry)
	}
	var unescaped strings.Builder
	for i := 0; i < len(value); i++ {
		if value[i] == '\\' && i+1 < len(value) {
			i++
			unescaped.WriteByte(map[byte]byte{'s': ' ', 'n': '\n', 't': '\t', 'r': '\r', '\\': '\\'}[value[i]])
			continue
		}
		unescaped.WriteByte(value[i])
	}
	var args []string
	var cur strings.Builder
	s, in, has := unescaped.String(), false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in && c == '\\':
			i++
			cur.WriteByte(s[i])
		case c == '"':
			in, has = !in, true
		case c == '%' && i+1 < len(s) && s[i+1] == '%':
			i++
			cur.WriteByte('%')
		case !in && c == ' ':
			if has {
				args, has = append(args, cur.String()), false
				cur.Reset()
			}
		default:
			cur.WriteByte(c)
			has = true
		}
	}
	if in {
		t.Fatalf("unterminated quote in Exec=%s", value)
	}
	if has {
		args = append(args, cur.String())
	}
	return args
}

func TestADesktopEntryQuotesPathsWithSpacesAndSpecialCharacters(t *testing.T) {
	args := []string{"/opt/My Apps/minuit", "agent", "--data", `/home/zoé/Minuit data/100% "real" $HOME \ ` + "`x`"}
	entry := desktopEntry(args)
	if got := execArgs(t, entry); !reflect.DeepEqual(got, args) {
		t.Fatalf("Exec reads back as %q, want %q\n%s", got, args, entry)
	}
	if !strings.Contains(entry, `Exec="/opt/My Apps/minuit" "agent" "--data" "/home/zoé/Minuit data/100%% \\"real\\" \\$HOME \\\\ \\`+"`x\\\\`\"") {
		t.Fatalf("Exec line not quoted as the spec says:\n%s", entry)
	}
}

func TestALaunchAgentRunsTheArgumentsAtLoad(t *testing.T) {
	args := []string{"/Applications/Minuit.app/Contents/MacOS/minuit", "agent", "--data", "/Users/a&b/<data>"}
	var plist struct {
		Dict struct {
			Keys    []string  `xml:"key"`
			Strings []string  `xml:"array>string"`
			True    *struct{} `xml:"true"`
		} `xml:"dict"`
	}
	if err := xml.Unmarshal([]byte(launchAgentPlist(args)), &plist); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(plist.Dict.Strings, args) || plist.Dict.True == nil ||
		!reflect.DeepEqual(plist.Dict.Keys, []string{"Label", "ProgramArguments", "RunAtLoad", "ProcessType"}) {
		t.Fatalf("plist reads back as %+v", plist.Dict)
	}
}

func TestAWindowsCommandLineQuotesEveryArgument(t *testing.T) {
	got := windowsCommandLine([]string{`C:\Program Files\Minuit\minuit.exe`, "agent", "--data", `C:\Users\Zoé\My "data"\`})
	want := `"C:\Program Files\Minuit\minuit.exe" "agent" "--data" "C:\Users\Zoé\My \"data\"\\"`
	if got != want {
		t.Fatalf("command line\n%s\nwant\n%s", got, want)
	}
}

func TestTheLoginEntryStartsTheWindowWhenNotMinimised(t *testing.T) {
	args, err := autostartArgs(false, "/usr/bin/minuit", "rel/data")
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("rel/data")
	if want := []string{"/usr/bin/minuit", "window", "--data", abs}; !reflect.DeepEqual(args, want) {
		t.Fatalf("args %q, want %q", args, want)
	}
}
