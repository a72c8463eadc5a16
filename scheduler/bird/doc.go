// Package bird sends SMS through Bird's developer platform API (2026, the API
// of the official github.com/messagebird/bird-sdk-go, which this module cannot
// download: this is a small net/http client written from its schema). Its
// Provider implements scheduler.Provider and scheduler.InboundProvider and turns
// every failure into a *scheduler.ProviderError whose class tells the scheduler
// whether to retry (Transient), give up (Permanent) or reconcile by reference
// first (Ambiguous).
//
// # The API as used here
//
//   - Endpoint https://<region>.platform.bird.com, the region read from the key
//     (bk_eu1_… → eu1); "Authorization: Bearer <key>", "User-Agent: Minuit/<version>
//     (+bird)" (Bird answers 403 without one), JSON bodies.
//   - Send: POST /v1/sms/messages {to, from, text, category, tags, metadata}, one
//     recipient a request, with "Idempotency-Key: <Batch.Reference>". The
//     reference also goes in the tag minuit_ref (tags are {name, value} pairs)
//     and in metadata.minuit_reference. Bird replays the original answer to a
//     repeat with the same key and body for about three hours, so a resend after
//     a lost answer never makes a second message.
//   - Status: GET /v1/sms/messages/{id}; Lookup: one GET /v1/sms/messages?tag=
//     minuit_ref:<reference>&direction=outbound&created_after=… per reference;
//     Inbound: GET /v1/sms/messages?direction=inbound&created_after=…, following
//     next_cursor (passed back as starting_after).
//   - Balance: Bird documents no balance endpoint for API keys, so Balance only
//     checks the key with GET /v1/sms/messages?limit=1 and returns Type "".
//
// # Using another server: MINUIT_BIRD_URL
//
// Config.BaseURL (the application passes the value of BaseURLEnv) replaces the
// scheme, host and any path prefix of https://<region>.platform.bird.com:
// with http://127.0.0.1:8099/bird, POST /v1/sms/messages goes to
// http://127.0.0.1:8099/bird/v1/sms/messages. Only http and https are accepted;
// a query, fragment or user:password part is refused. The key is sent to that
// server, so point it only at servers you trust. Redirects are not followed.
//
// # Left uncertain
//
//   - Bird's scheduled_at and validity_period are previews that answer 422
//     SMSUnsupportedFeature: Minuit never hands a batch off (ScheduleMax 0) and
//     drops Batch.Validity.
//   - Error codes other than E01004 (RequestInProgress, retried shortly) and
//     E01005 (IdempotencyKeyReuse) are not documented for SMS; errors are told
//     apart by status, type, name and param. How Bird refuses an opted-out
//     number at send time is not documented (its suppression list fails the
//     message later with last_error recipient_opted_out); a name mentioning
//     opted_out or suppression is read as an opt-out.
//   - "undelivered" (handset off or unreachable) is taken as final, like failed.
//   - The rate limits of the SMS send group are not published: the engine's
//     default rate applies.
//   - Go's transport may itself resend a POST once when a reused keep-alive
//     connection breaks; with the Idempotency-Key that resend is answered from
//     Bird's record and creates nothing.
package bird
