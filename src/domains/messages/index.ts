import "./message.ts";
import "./message-queries.ts";
import "./message-mutations.ts";
import "./dispatcher.ts";
import "./message-subscriptions.ts";
