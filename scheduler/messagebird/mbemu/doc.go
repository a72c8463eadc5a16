// Package mbemu emulates MessageBird's SMS REST API (https://rest.messagebird.com)
// on an httptest.Server, for tests and benchmarks of code that drives the real
// MessageBird Go SDK.
//
// It serves POST /messages, GET /messages/{id}, GET /messages, DELETE
// /messages/{id} and GET /balance with the API's JSON shapes, checks the
// "Authorization: AccessKey …" header, stamps each answer's Date header with its
// clock (WithClock), lets a recipient's status progress from "sent" to a final
// status, and can inject faults at runtime (error responses, throttling,
// latency, dropped connections, requests that never get an answer).
//
// # Scheduled messages
//
// A message whose scheduledDatetime (RFC 3339) is in the future keeps its
// recipients "scheduled" until the clock reaches that time; they are then
// "sent" and progress like any other message. The emulator enforces no
// scheduling window: MessageBird documents none.
//
// # Deleting
//
// DELETE /messages/{id} answers 204 No Content and forgets the message, as the
// API documents for deleting a message: reading it afterwards answers 404 with
// error code 20. MessageBird's SDK presents the call as cancelling a scheduled
// message; what the API answers for a message that has already left is not
// documented, and the emulator deletes it too (it was still sent). Created and
// AcceptedByReference keep counting deleted messages.
//
// # Delivery
//
// By default a recipient reaches its final status on the first read of its
// message (WithDeliverAfterReads changes the count); WithDeliverAfter makes the
// clock drive it instead. Numbers given to WithFailing and WithExpiring end
// "delivery_failed" and "expired"; numbers given to WithInvalid are refused as
// invalid recipients.
//
// Every method of Server is safe for concurrent use.
package mbemu
