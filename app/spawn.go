package app

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const agentLog = "agent.log"

// spawnSelf starts this executable with a subcommand on dir, detached.
func spawnSelf(dir string, cmd string) error {
	c, err := selfCommand(dir, cmd)
	if err != nil {
		return err
	}
	if err := c.Start(); err != nil {
		return fmt.Errorf("app: start %s: %w", cmd, err)
	}
	go func() { _ = c.Wait() }()
	return nil
}

// spawnAgent starts `minuit agent`, logging to dir/agent.log; exited receives its
// exit error if it stops.
func spawnAgent(dir string) (exited <-chan error, err error) {
	c, err := selfCommand(dir, "agent")
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, agentLog), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("app: agent log: %w", err)
	}
	c.Stdout, c.Stderr = f, f
	if err := c.Start(); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("app: start the sender: %w", err)
	}
	_ = f.Close()
	ch := make(chan error, 1)
	go func() { ch <- c.Wait() }()
	return ch, nil
}

func selfCommand(dir, cmd string) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("app: find minuit: %w", err)
	}
	c := exec.Command(self, cmd, "--data", dir)
	detach(c)
	return c, nil
}

// agentFailure reads the last line the agent logged, as the reason it stopped.
func agentFailure(dir string, exitErr error) error {
	b, _ := os.ReadFile(filepath.Join(dir, agentLog))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	last := strings.TrimPrefix(lines[len(lines)-1], "minuit: ")
	if exitErr == nil {
		return errors.New("app: the sender did not answer in time")
	}
	if last == "" {
		return fmt.Errorf("app: the sender stopped: %w", exitErr)
	}
	return errors.New("app: sending is not running: " + last)
}
