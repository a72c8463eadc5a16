// Package twilio sends SMS through Twilio's Programmable Messaging REST API
// (https://api.twilio.com/2010-04-01) with the official Go SDK
// (github.com/twilio/twilio-go). Its Provider implements scheduler.Provider,
// scheduler.Canceller and scheduler.InboundProvider, and turns every failure into
// a *scheduler.ProviderError whose class tells the scheduler whether to retry
// (Transient), give up (Permanent) or look the message up first (Ambiguous).
//
// # Accounts and senders
//
// Config takes the account SID with either its auth token or an API key
// (APIKeySID + APISecret), and a sender: From, a Twilio number in E.164 form or
// an alphanumeric sender ID, and/or MessagingServiceSID ("MG…"). Twilio only
// sends from senders of the account, so the sender is configured once here and a
// batch's Originator is not used. The Twilio library refuses credentials that
// are not made of letters and digits before sending anything; New refuses them
// first, with a sentence saying so.
//
// # Scheduling and cancelling
//
// Twilio schedules a message (ScheduleType=fixed, SendAt) only when it is sent
// through a Messaging Service, from 15 minutes to 35 days ahead (one newer Twilio
// page says 5 minutes; 15 is kept). Capabilities offers the hand-off only when
// MessagingServiceSID is set, and Send refuses a batch with SendAt otherwise,
// since Twilio would send it at once. Cancel sets Status=canceled; Twilio's
// error 30409 means the message has left and wraps scheduler.ErrAlreadySent.
// Twilio does not cancel scheduled messages when their recipient replies STOP.
//
// # Lookup: what stays uncertain
//
// Twilio keeps no reference of ours and has no idempotency key, so Lookup finds
// a batch by its recipient and text: it lists the messages sent to the number
// since `since` (less LookupMargin; the API's DateSent> filter works by whole
// days, so date_created is also checked here), then, for batches still
// missing, all messages to the number, which includes scheduled and not yet
// sent ones: they have no date_sent, and Twilio does not say whether a DateSent
// filter keeps them (hand-offs skip the first listing). Two identical texts to
// one number within the window cannot be told apart: each batch gets the newest
// matching message not already given to another batch of the same call, so a
// text sent twice on purpose (a reminder repeated the same day) may be matched
// to the wrong delivery's send.
//
// # Replies
//
// Inbound lists the messages sent to the shop's number (From when it is a
// number, else InboundNumber) and keeps the inbound ones. With an alphanumeric
// sender or only a Messaging Service and no InboundNumber, Inbound returns a
// Permanent error: customers can only reply to a number.
//
// # Another server: BaseURL, and Bird's Twilio exit API
//
// By default requests go to https://api.twilio.com. Config.BaseURL (the
// application reads it from MINUIT_TWILIO_URL, see BaseURLEnv) sends every
// request to another server instead: the twilioemu emulator, a recording proxy,
// or Bird's Twilio-compatible "exit API" (https://eu-west-1.twilio.to.api.bird.com
// or https://us-west-1.twilio.to.api.bird.com), which takes the Bird workspace ID,
// turned into an account SID as Bird's guide says (New refuses the dashes of
// the raw ID), and the number of the Bird SMS channel as From.
// Bird documents "basic send and receive only": leave MessagingServiceSID empty
// (no scheduling), and expect Balance to fall back to a message list when the
// balance endpoint is missing. With a path prefix, POST
// /2010-04-01/Accounts/…/Messages.json becomes POST /prefix/2010-04-01/….
// Only http and https are accepted; a query, fragment or user:password part is
// refused. The credentials are sent to that server: point it only at servers
// you trust.
//
// # Cancellation and time limits
//
// The SDK builds its requests without a context; each call still honours its
// ctx (checked first, and a cancelled ctx aborts the request in flight) and
// Config.Timeout (15 s by default). The SDK reads TWILIO_EDGE and TWILIO_REGION
// from the environment in its constructors; this package does not use those
// constructors and reads no environment variable.
package twilio
