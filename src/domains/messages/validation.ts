// Input rules for messages, checked before any SQL runs. The limits are the source API's.
import { isValidPhoneNumber } from "libphonenumber-js";
import { badUserInput } from "../../graphql/errors.ts";
import { PART_LIMITS, splitIntoParts } from "./sms.ts";

/** The source API accepts at most 50 message ids per call, and lists at most 50 per page. */
export const MAX_MESSAGE_IDS = 50;
export const MAX_PAGE_SIZE = 50;
/** Messages per sendMessages call, matching the id limit so one call's messages can be read back in one. */
export const MAX_MESSAGES_PER_SEND = 50;
/** Longest text accepted, in SMS parts (1530 GSM-7 or 670 UCS-2 characters). */
export const MAX_PARTS = 10;
/** Longest text, in characters, that can fit MAX_PARTS parts (checked before the parts are counted). */
export const MAX_TEXT_LENGTH = MAX_PARTS * PART_LIMITS.GSM7.concatenated;
/** "+" and at most 15 digits (E.164). */
export const MAX_RECIPIENT_LENGTH = 16;
/** 15 digits, or a "+" and 15 digits. */
export const MAX_SENDER_LENGTH = 16;

/** The ids once each, in the order first given; an empty list or more than 50 is BAD_USER_INPUT. */
export function uniqueMessageIds(ids: readonly number[], field: string): number[] {
  if (ids.length === 0) throw badUserInput(`${field} must list at least one message id`, field);
  const unique = [...new Set(ids)];
  if (unique.length > MAX_MESSAGE_IDS) {
    throw badUserInput(`${field} may list at most ${MAX_MESSAGE_IDS} message ids, got ${unique.length}`, field);
  }
  return unique;
}

export interface OutgoingMessage {
  recipient: string;
  sender: string;
  text: string;
  scheduledAt?: Date | null;
}

const E164 = /^\+[1-9]\d{1,14}$/;
// Alphanumeric sender ids are limited to 11 characters by the SMS standard; numeric ones to 15 digits.
const SENDER = /^(?:[A-Za-z0-9 .&-]{1,11}|\+?\d{1,15})$/;

function checkMessage(message: OutgoingMessage, field: string) {
  if (!E164.test(message.recipient) || !isValidPhoneNumber(message.recipient)) {
    throw badUserInput(
      `${field}.recipient must be a valid phone number in E.164 form (e.g. +48500100200), got "${message.recipient}"`,
      `${field}.recipient`,
    );
  }
  if (!SENDER.test(message.sender)) {
    throw badUserInput(
      `${field}.sender must be up to 11 letters or digits, or a number of up to 15 digits`,
      `${field}.sender`,
    );
  }
  if (message.text.length === 0) throw badUserInput(`${field}.text must not be empty`, `${field}.text`);
  const { encoding, parts } = splitIntoParts(message.text);
  if (parts.length > MAX_PARTS) {
    const characters = MAX_PARTS * PART_LIMITS[encoding].concatenated;
    throw badUserInput(
      `${field}.text needs ${parts.length} SMS parts; at most ${MAX_PARTS} (${characters} ${encoding} characters) are allowed`,
      `${field}.text`,
    );
  }
}

export function checkMessages(messages: readonly OutgoingMessage[]): void {
  if (messages.length === 0) throw badUserInput("input.messages must hold at least one message", "input.messages");
  if (messages.length > MAX_MESSAGES_PER_SEND) {
    throw badUserInput(
      `input.messages may hold at most ${MAX_MESSAGES_PER_SEND} messages per call, got ${messages.length}`,
      "input.messages",
    );
  }
  for (const [index, message] of messages.entries()) checkMessage(message, `input.messages[${index}]`);
}
