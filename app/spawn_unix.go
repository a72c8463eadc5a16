//go:build !windows

package app

import (
	"os/exec"
	"syscall"
)

// detach puts the child in its own session, so closing the window's terminal or
// the window itself does not stop it.
func detach(c *exec.Cmd) { c.SysProcAttr = &syscall.SysProcAttr{Setsid: true} }
