//go:build !windows

package app

// AttachConsole is only needed on Windows (console_windows.go): elsewhere a program
// started from a terminal writes to it.
func AttachConsole([]string) {}
