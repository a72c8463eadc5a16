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
// # Cancellation and time limits
//
// The SDK takes no context. Each call still honours its ctx: ctx is checked
// before the request, and a cancelled ctx aborts the request in flight. Every
// request is also bounded by Config.Timeout (15 s by default).
package messagebird
