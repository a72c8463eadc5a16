//go:build windows

package app

import (
	"os/exec"
	"syscall"
)

const detachedProcess = 0x00000008

func detach(c *exec.Cmd) {
	c.SysProcAttr = &syscall.SysProcAttr{CreationFlags: detachedProcess | syscall.CREATE_NEW_PROCESS_GROUP}
}
