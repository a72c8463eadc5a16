// Package compliance holds the rules Minuit applies before it sends a message:
// consent, opt-out and opt-in keywords, quiet hours in the recipient's local
// time, the STOP footer, the frequency cap and the content warnings, and
// Policy.Decide, which combines them for one delivery.
//
// The rules concern marketing messages; transactional messages (order
// confirmations, appointment reminders) are only stopped when the contact
// refused every message. The package is pure logic: it does no I/O, keeps no
// state and never reads the clock; every time is a parameter.
package compliance
