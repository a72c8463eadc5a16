// Package messagebird sends SMS through MessageBird's REST API with the official
// Go SDK (github.com/messagebird/go-rest-api/v9). Its Provider implements
// scheduler.Provider and turns every failure into a *scheduler.ProviderError
// whose class tells the scheduler whether to retry (Transient), give up
// (Permanent) or reconcile by reference before anything else (Ambiguous).
//
// # Using another server: MINUIT_MESSAGEBIRD_URL
//
// By default requests go to https://rest.messagebird.com. Setting the
// environment variable MINUIT_MESSAGEBIRD_URL (see BaseURLEnv; the application
// passes its value as Config.BaseURL) sends every request to another server
// instead: a test emulator such as mbemu, a recording proxy, or a company
// gateway. The value is a base URL with scheme and host, and optionally a port
// and a path prefix:
//
//	MINUIT_MESSAGEBIRD_URL=http://127.0.0.1:8099
//	MINUIT_MESSAGEBIRD_URL=https://gateway.example.com/messagebird
//
// With a prefix, POST /messages becomes POST /messagebird/messages. Only http
// and https are accepted; a query, fragment or user:password part is refused.
// The access key is sent to that server, so point it only at servers you trust.
//
// # Handing a batch to MessageBird's scheduler
//
// A batch with SendAt set is sent with scheduledDatetime, which the SDK
// (v9.1.1) writes as RFC 3339 without fractions of a second: Send passes SendAt
// in UTC rounded up to the next second, so it never leaves early. MessageBird
// documents no scheduling window; ScheduleMin (10 minutes) and ScheduleMax (35
// days) are Minuit's, and Send refuses a SendAt beyond ScheduleMax ahead of
// Config.Now. Until its time, a scheduled message's recipients have status
// "scheduled" (scheduler.DLRScheduled), then "sent" and on.
//
// # Cancelling
//
// MessageBird has no cancel: DELETE /messages/{id} deletes a message, and the
// API then answers 404 (code 20) for it. Cancel reads the message first and
// deletes it only while every recipient is "scheduled" and its time is more
// than CancelMargin away on MessageBird's clock (the Date header); otherwise it
// answers scheduler.ErrAlreadySent and deletes nothing. Because MessageBird
// forgets a deleted message, the Provider remembers the ones it deleted: Status
// reports them scheduler.DLRCancelled, and a repeated Cancel returns nil. That
// memory lasts as long as the Provider: after a restart, Status of a cancelled
// message is a Permanent "MessageBird does not know this message".
//
// # Errors
//
// A wrong access key (HTTP 401, error code 2) and an empty balance (HTTP 402,
// code 25) are account problems (ProviderError.Account). A 429 is Transient;
// MessageBird documents no wait header, so RetryAfter is 0 unless the answer
// carries a standard Retry-After header. The classic API has no documented
// opt-out list of its own: no error is marked OptedOut.
//
// # What is uncertain
//
//   - What DELETE /messages/{id} answers for a message that has already left
//     (mbemu deletes it with 204): Cancel never relies on it.
//   - Whether MessageBird's scheduler picks a message up before its
//     scheduledDatetime; CancelMargin covers a minute.
//   - How long the classic API lives: see ClassicKeysUntil.
//
// # Contexts and time limits
//
// The SDK takes no context. Each call still honours its ctx: ctx is checked
// before the request, and a cancelled ctx aborts the request in flight. Every
// request is also bounded by Config.Timeout (15 s by default).
package messagebird
