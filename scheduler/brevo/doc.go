// Package brevo sends SMS through Brevo's transactional SMS API (API v3,
// https://api.brevo.com/v3) with a small net/http client: Brevo's Go SDK is not
// served by the module proxy here, and it still calls the old endpoint. Its
// Provider implements scheduler.Provider and scheduler.InboundProvider and turns
// every failure into a *scheduler.ProviderError whose class tells the scheduler
// whether to retry (Transient), give up (Permanent) or reconcile by reference
// first (Ambiguous).
//
// # Requests
//
// Every request carries the headers "api-key: <Config.Key>" and "accept:
// application/json"; bodies are JSON.
//
//   - Send: POST /transactionalSMS/send, one recipient a request, answered 201
//     {"messageId": <int64>}. The older POST /transactionalSMS/sms is deprecated
//     since 2025-05-01 (Brevo changelog) and is not used. The body carries sender,
//     recipient (digits with the country code, no "+"), content, type
//     ("transactional" or "marketing", from Batch.Kind), tag (the batch's
//     Reference), unicodeEnabled (true when the text is not GSM-7) and
//     organisationPrefix when Config.OrganisationPrefix is set. Transactional SMS
//     cannot be scheduled, so the provider takes no hand-off; Batch.Validity has
//     no Brevo field and is ignored.
//   - Status, Lookup and Inbound read GET /transactionalSMS/statistics/events,
//     newest first, 100 events a page. Status filters on the phone number and
//     reads all of that number's events; Lookup filters on the tag (our
//     reference) and Inbound on the "replies" event, and both stop at the first
//     page holding an event older than since less LookupMargin. No date filter is
//     sent, so neither this computer's clock nor the account's time zone matters.
//   - Marketing: Brevo holds French marketing SMS sent 22:00–08:00, on Sundays
//     and public holidays, and substitutes "[STOP CODE]" in a marketing text;
//     the scheduler's default French rules already hold marketing then.
//   - Balance: GET /account; Amount is the credits of the plan of type "sms".
//
// # Ids
//
// Brevo's events carry the message id and the phone number but cannot be
// filtered by message id, so the provider id is "<messageId>:<digits>" (for
// example "1511882900176220:33612345678"): Status then asks only for that
// number's events and keeps those of that message. A reply's InboundMessage.ID
// is "<messageId>:<digits>:<date>", the message id Brevo attaches to the reply,
// the sender's digits and the reply's date in UTC (RFC 3339), since Brevo gives
// replies no id of their own.
//
// # Using another server
//
// Config.BaseURL replaces "https://api.brevo.com/v3" (scheme, host and path
// prefix): with "http://127.0.0.1:8099/v3", POST /transactionalSMS/send goes to
// http://127.0.0.1:8099/v3/transactionalSMS/send. Only http and https are
// accepted; a query, fragment or user:password part is refused. The API key is
// sent to that server, so point it only at servers you trust. The emulator in
// brevoemu serves the API this way.
//
// # Errors
//
// Brevo answers errors with {"code": "…", "message": "…"}. 401 (unauthorized,
// also for an IP address not allowed), 402 (not_enough_credits) and 403
// (permission_denied, account_under_validation) stop the whole account; a 400
// about the phone number is an invalid number; 429 is transient with the wait
// from the x-sib-ratelimit-reset header (Brevo sends no Retry-After); 5xx is
// transient. A POST whose answer is lost after it was written is ambiguous.
//
// # Left uncertain
//
// Brevo's documents disagree or are silent on: the exact event names in answers
// (the filter lists hardBounces, softBounces, unsubscription, replies, skipped;
// another schema lists hardBounce, softBounce, unsubscribe, replied, skip: both
// spellings are understood); whether messageId comes back as a string (the
// schema) or a number (both are read); the phone number's format in events (the
// examples show "0033…"; "+33…" and "33…" are read too); how the tags filter
// wants its value ("a serialized urlencoded array": the reference is sent as is,
// and every event's tag is checked again here); whether the phoneNumber filter
// wants the digits as sent (what is sent) or another form; whether an unsubscribed number is
// refused at once or reported by an "unsubscription" event (both are handled);
// and how soon events appear after a send (Lookup cannot find a message before
// its first event).
package brevo
