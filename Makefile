# Developer targets. The README's two commands are scripts/run.sh and scripts/test.sh.
.PHONY: run test bench crashtest idle measure package install uninstall

run:
	./scripts/run.sh

test:
	./scripts/test.sh

# Packages into dist/: the Linux .tar.xz and the Windows exe and installer (on a Mac:
# Minuit.app). See scripts/package.sh.
package:
	bash scripts/package.sh

# Builds the Linux package and installs it: into ~/.local (as root /usr/local), or
# PREFIX (make install PREFIX=~/.local). `make uninstall [PREFIX=…]` removes it.
PREFIX ?=
install:
	bash scripts/package.sh linux
	sh dist/minuit-$$(go run ./internal/packager version)-linux-$$(go env GOARCH)/install.sh $(if $(PREFIX),--prefix "$(PREFIX)")

uninstall:
	sh packaging/linux/install.sh --uninstall $(if $(PREFIX),--prefix "$(PREFIX)")

# The figures we track, each a benchmark (ns/op and custom metrics; medians of 5).
bench:
	go test ./scheduler/ -run '^$$' -bench 'At1M' -benchtime 200x -count 5
	go test ./scheduler/messagebird/ -run '^$$' -bench 'Lateness' -benchtime 1x -count 3
	# Every provider's emulator: a 10,000-recipient campaign at the provider's own pace, and
	# 1,000 deliveries handed off then withdrawn where the provider can schedule.
	go test ./scheduler/messagebird/ ./scheduler/twilio/ ./scheduler/bird/ ./scheduler/brevo/ ./scheduler/smsgate/ \
		-run '^$$' -bench 'Campaign|HandOffAndCancel' -benchtime 1x -count 3
	go test ./contacts/... -run '^$$' -bench . -benchtime 1x -count 3
	# Reports at 1,000,000 deliveries: the report (above, in ./scheduler/) and each chart
	# (report + drawing + PNG), goal 200 ms each; 1,000 planned messages as .ics, goal 100 ms.
	go test ./ui/ -run '^$$' -bench 'At1M' -benchtime 20x -count 5
	go test ./scheduler/icalendar/ -run '^$$' -bench 'Export' -benchtime 50x -count 5

# SIGKILLs `minuit serve` at random moments during a 2,000-message run against a
# provider's emulator; prints duplicates and losses (goal 0 and 0).
# PROVIDER: messagebird, twilio, bird, brevo or smsgate. The phone gateway is paced
# at 1,000 texts an hour, so it takes MESSAGES=60 SETTLE=5m.
PROVIDER ?= messagebird
MESSAGES ?= 2000
SETTLE ?= 2m
crashtest:
	go run ./internal/crashtest -provider $(PROVIDER) -messages $(MESSAGES) -kills 25 -settle $(SETTLE)

# Idle cost of `minuit serve` with 1,000 future deliveries (CPU seconds and wake-ups
# per hour, extrapolated from MINUTES minutes).
MINUTES ?= 3
idle:
	bash scripts/idle.sh $(MINUTES)

# Idle cost of the background sender (window closed) beside a bare Fyne window, and
# cold start, with 100,000 contacts, 1,000 planned messages, 1,000,000 history rows.
SECONDS ?= 600
measure:
	go build -o /tmp/minuit . && go build -o /tmp/barefyne ./app/testdata/barefyne
	rm -rf /tmp/mm && mkdir /tmp/mm && go run ./app/testdata/seed -data /tmp/mm -contacts 100000 -messages 1000 -history 1000000
	dbus-run-session -- sh app/testdata/measure.sh /tmp/minuit /tmp/barefyne /tmp/mm $(SECONDS)
