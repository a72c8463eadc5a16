// Package smsgate sends SMS through an Android phone running SMS Gateway for
// Android (capcom6/android-sms-gateway, "SMSGate", checked against app v1.68.0
// and the cloud server of 2026-08). It talks to the app's REST API with
// net/http: the official Go client (github.com/android-sms-gateway/client-go)
// is not available to this module.
//
// # Two ways to reach the phone: Config.URL
//
// Local server: the app's "Local Server" switch serves the API on the phone,
// http://PHONE-IP:8080, with the user and password the app shows (Basic
// authentication; the password crosses the Wi-Fi in clear, so use it on a
// trusted network). Cloud: CloudURL, https://api.sms-gate.app/3rdparty/v1, with
// the cloud account's credentials; the cloud pushes each message to the phone.
// There is no default address: Config.URL is required and replaces scheme, host
// and path prefix (it is also how tests point the client at gateemu). Both serve
// the same paths; this package uses the plural ones, /messages and
// /messages/{id}, which both serve (the phone also serves /message, the
// cloud's /message alias is marked for removal).
//
// # What is sent
//
// One recipient per request (MaxBatch 1), paced at Config.PerHour (default 60
// an hour) through Capabilities().Rate. Our reference is the message id: the
// app and the cloud refuse a second message with the same id (409), so a resend
// after a lost answer never sends twice; Send then reads and returns the
// message already there. withDeliveryReport is always on (without it a message
// never goes past Sent). A batch with SendAt is handed to the phone with
// scheduleAt, from 5 minutes to 35 days ahead (the app sets no limit; 35 days is
// ours); a Validity becomes ttl (counted on the phone's clock) or, for a
// hand-off, validUntil = SendAt + Validity: a phone that cannot send in time
// then reports "TTL expired" instead of sending hours late.
//
// # What users of phone gateways complain about, and what Minuit does
//
// The app's issue tracker and FAQ tell the same stories: messages stuck in
// Pending or Processed for hours, then sent all at once (issues #44, #234, #330),
// because Android's battery saving (Samsung, Xiaomi: see dontkillmyapp.com)
// stopped the app, the phone lost its network, or Android's own limit (about 30
// SMS in 30 minutes, RESULT_ERROR_LIMIT_EXCEEDED) or the operator's (30–200 an
// hour) was reached. The cloud refuses new messages with 503 QueueLimitExceeded
// once a message has waited 24 hours. Minuit paces sends at PerHour; sets a
// ttl/validUntil from the message's validity; and its status poller keeps asking
// about a message still Pending or Processed past its time: Status then says so
// in RecipientStatus.Reason ("still waiting on the phone 25 minutes after its time:
// the phone may be off, offline, or its battery saving may have stopped SMS
// Gateway") while the status stays pending, because the phone may still send
// it. The Date header of the phone's answers serves as the phone's clock for
// these comparisons. A 503 queue limit is transient, with the cloud's
// Retry-After when it sends one (it does not today).
//
// # Errors
//
// 401 is an account problem ("the phone refused the user name or password"); a
// phone that cannot be reached (refused connection, no route, timeout before the
// request was written) is transient; 400 is permanent with the app's message;
// 429 and 5xx are transient; a POST whose answer was lost is ambiguous, and safe
// to resend. The local app takes any number and fails it when sending ("sendSMS:
// Invalid phone number"); the cloud refuses an invalid number at once with 400.
//
// # Left uncertain
//
//   - The cloud's cancel is two-phase: DELETE answers Cancelling and the phone
//     confirms later; if it had already started, the message leaves anyway and
//     Cancel has returned nil.
//   - A 404 from the local app does not tell an unknown message from a wrong
//     address; Lookup counts it as "never taken".
//   - Inbound senders are written by Android: usually +33…, but a national 06…
//     is kept as is. GET /inbox needs app 1.59 or later.
//   - Newer apps also accept JWT on the local server; only Basic is used here.
package smsgate
