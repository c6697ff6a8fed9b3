// Outgoing SMS messages in every status, including some scheduled after FUTURE that can still be cancelled.
import { DAY_MS, FUTURE, at, createdAt, hash, lit, pick, run, weighted, type Sql } from "./sql.ts";

export const MESSAGES_PER_SCALE = 500;
/** An outbox of the last week: a few messages failed on each of its days (yesterday included). */
const MESSAGE_SPAN_MS = 7 * DAY_MS;

/** Texts with `%s` for a per-message number; the UCS-2 ones hold characters outside the GSM 7-bit alphabet. */
const TEXTS: ReadonlyArray<readonly [string, "GSM7" | "UCS2"]> = [
  ["Your verification code is %s. It expires in 10 minutes.", "GSM7"],
  ["Your parcel %s will be delivered tomorrow between 9:00 and 12:00.", "GSM7"],
  ["Reminder: your appointment is tomorrow at 10:30. Reply YES to confirm or call us to reschedule. Ref %s", "GSM7"],
  [
    "Winter sale! Up to 50%% off selected items in all our stores and online until Sunday. Show this message at " +
      "the till or use code WINTER%s at checkout. Unsubscribe: reply STOP.",
    "GSM7",
  ],
  ["Twój kod weryfikacyjny to %s. Nie udostępniaj go nikomu.", "UCS2"],
  ["Dziękujemy za zamówienie nr %s! Paczka wyruszy jutro 🚚", "UCS2"],
  [
    "Przypominamy o wizycie jutro o 10:30. Odpowiedz TAK, aby potwierdzić, lub zadzwoń, aby zmienić termin. Nr %s",
    "UCS2",
  ],
];

const SENDERS = ["Bramka", "SzybkiSMS", "Sklep24", "InfoSMS", "48500100200"];
const UNDELIVERED = ["Recipient unreachable", "Message expired before delivery", "Recipient's phone is switched off"];
const FAILED = ["Invalid recipient number", "Insufficient account balance", "Sender name not approved"];

function messages(scale: number): string {
  const count = MESSAGES_PER_SCALE * scale;
  const status = weighted(`(${hash("i", 81)} % 100)`, [
    ["'DELIVERED'", 45],
    ["'SENT'", 8],
    ["'ENQUEUED'", 4],
    ["'UNDELIVERED'", 7],
    ["'FAILED'", 6],
    ["'CANCELLED'", 12],
    ["'SCHEDULED'", 18],
  ]);
  const texts = `(VALUES ${TEXTS.map(([text, encoding], n) => `(${n}, ${lit(text)}, ${lit(encoding)})`).join(", ")})`;
  // GSM-7 fits 160 characters in one part and 153 per part when split; UCS-2 fits 70 and 67.
  const parts = `CASE WHEN m.encoding = 'GSM7' THEN CASE WHEN char_length(m.text) <= 160 THEN 1 ELSE ceil(char_length(m.text) / 153.0) END
    ELSE CASE WHEN char_length(m.text) <= 70 THEN 1 ELSE ceil(char_length(m.text) / 67.0) END END`;
  const h = "m.h";
  // Scheduled messages go out after FUTURE; cancelled ones were scheduled days ahead and cancelled within a day.
  const scheduled = `CASE m.status WHEN 'SCHEDULED' THEN ${at(`${h} % 2592000 * 1000`, FUTURE)}
    WHEN 'CANCELLED' THEN m.c + (1 + ${h} % 14) * interval '1 day'
    ELSE m.c + CASE WHEN ${h} % 4 = 0 THEN (${h} % 48) * interval '1 hour' ELSE interval '0' END END`;
  return `INSERT INTO message (id, recipient, sender, text, encoding, parts, status, scheduled_at, sent_at, delivered_at,
      cancelled_at, error, created_at, updated_at)
    SELECT m.i, m.recipient, m.sender, m.text, m.encoding::message_encoding, ${parts}, m.status::message_status,
      s.scheduled, s.sent, s.delivered, s.cancelled,
      CASE m.status WHEN 'UNDELIVERED' THEN ${pick(h, UNDELIVERED)} WHEN 'FAILED' THEN ${pick(h, FAILED)} END,
      m.c, coalesce(s.delivered, s.sent, s.cancelled, CASE WHEN m.status = 'FAILED' THEN s.scheduled END, m.c)
    FROM (SELECT i, ${hash("i", 82)} AS h, ${status} AS status, ${createdAt("i", count, 83, MESSAGE_SPAN_MS)} AS c,
            '+48' || (500000000 + ${hash("i", 84)} % 300000000) AS recipient, ${pick(hash("i", 85), SENDERS)} AS sender,
            format(t.template, 1000 + ${hash("i", 86)} % 9000) AS text, t.encoding
          FROM generate_series(1, ${count}) i, LATERAL (SELECT ${hash("i", 87)} % ${TEXTS.length} AS n) x
          JOIN ${texts} AS t (n, template, encoding) ON t.n = x.n) m
    CROSS JOIN LATERAL (SELECT ${scheduled} AS scheduled) s0
    CROSS JOIN LATERAL (SELECT s0.scheduled,
      CASE WHEN m.status IN ('SENT', 'DELIVERED', 'UNDELIVERED') THEN s0.scheduled + (1 + ${h} % 5) * interval '1 second' END AS sent,
      CASE WHEN m.status = 'DELIVERED' THEN s0.scheduled + (6 + ${h} % 60) * interval '1 second' END AS delivered,
      CASE WHEN m.status = 'CANCELLED' THEN m.c + (1 + ${h} % 23) * interval '1 hour' END AS cancelled) s`;
}

export async function seedMessages(sql: Sql, scale: number): Promise<void> {
  await run(sql, [messages(scale)]);
}
