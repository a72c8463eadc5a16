# Developer targets. The README's two commands are scripts/run.sh and scripts/test.sh.
.PHONY: run test bench crashtest idle

run:
	./scripts/run.sh

test:
	./scripts/test.sh

# The figures we track, each a benchmark (ns/op and custom metrics; medians of 5).
bench:
	go test ./scheduler/ -run '^$$' -bench 'At1M' -benchtime 200x -count 5
	go test ./scheduler/messagebird/ -run '^$$' -bench 'Lateness|Campaign' -benchtime 1x -count 3
	go test ./contacts/... -run '^$$' -bench . -benchtime 1x -count 3

# SIGKILLs `minuit serve` at random moments during a 2,000-message run.
crashtest:
	go run ./internal/crashtest -messages 2000 -kills 25

# Idle cost of `minuit serve` with 1,000 future deliveries (CPU seconds and wake-ups
# per hour, extrapolated from MINUTES minutes).
MINUTES ?= 3
idle:
	bash scripts/idle.sh $(MINUTES)
