//go:build windows

package app

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParent is ATTACH_PARENT_PROCESS: the console of the process that started us.
const attachParent = ^uint32(0)

var attachConsoleProc = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// AttachConsole gives a command run from cmd or PowerShell (minuit.exe list) the
// console it was typed in. minuit.exe is a GUI program (-H windowsgui, so that the
// window opens without a console behind it), which Windows starts without standard
// handles: without this its output would go nowhere. Output redirected to a file or
// a pipe already has its handle and is left alone; the window (no arguments, or
// "window") never attaches.
func AttachConsole(args []string) {
	if len(args) == 0 || args[0] == "window" || args[0] == "agent" {
		return
	}
	out, errOut := stdValid(windows.STD_OUTPUT_HANDLE), stdValid(windows.STD_ERROR_HANDLE)
	if out && errOut {
		return
	}
	if r, _, _ := attachConsoleProc.Call(uintptr(attachParent)); r == 0 {
		return // started from Explorer or a shortcut: there is no console to attach to
	}
	con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !out {
		os.Stdout = con
	}
	if !errOut {
		os.Stderr = con
	}
	if !stdValid(windows.STD_INPUT_HANDLE) {
		if in, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
			os.Stdin = in
		}
	}
}

// stdValid reports whether the standard handle h was given to the process.
func stdValid(h uint32) bool {
	handle, err := windows.GetStdHandle(h)
	return err == nil && handle != 0 && handle != windows.InvalidHandle
}
