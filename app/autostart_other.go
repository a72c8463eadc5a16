//go:build !linux && !freebsd && !openbsd && !netbsd && !dragonfly && !darwin && !windows

package app

func writeAutostart([]string) error { return errAutostartUnsupported }

func removeAutostart() error { return nil }

func autostartEnabled() (bool, error) { return false, nil }
