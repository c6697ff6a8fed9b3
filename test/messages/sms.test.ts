import { describe, expect, test } from "vitest";
import { encodingOf, lengthOf, splitIntoParts } from "../../src/domains/messages/sms.ts";

const partsOf = (text: string) => splitIntoParts(text).parts;

describe("SMS encoding", () => {
  test("texts in the GSM alphabet (accents like é, Ä, ß included) are GSM-7; anything else is UCS-2", () => {
    expect(encodingOf("Hello @ £5, café Äßé {ok} €")).toBe("GSM7");
    expect(encodingOf("Dziękujemy")).toBe("UCS2");
    expect(encodingOf("Paczka 🚚")).toBe("UCS2");
  });

  test("extension-table characters count twice in GSM-7, emoji count twice in UCS-2", () => {
    expect(lengthOf("a€[]")).toBe(7);
    expect(lengthOf("ą🚚")).toBe(3);
  });
});

describe("SMS part splitting", () => {
  test("GSM-7: 160 characters fit one part; 161 need two parts of at most 153", () => {
    expect(partsOf("a".repeat(160))).toHaveLength(1);
    const two = partsOf("a".repeat(161));
    expect(two.map((part) => part.length)).toEqual([153, 8]);
    expect(partsOf("a".repeat(306))).toHaveLength(2);
    expect(partsOf("a".repeat(307))).toHaveLength(3);
  });

  test("GSM-7: 80 euro signs fill one part exactly; 81 need two, and no escape is split across parts", () => {
    expect(partsOf("€".repeat(80))).toHaveLength(1);
    const parts = partsOf(`a${"€".repeat(80)}`);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe(`a${"€".repeat(76)}`); // 153 septets: 1 + 76 × 2
    expect(parts.join("")).toBe(`a${"€".repeat(80)}`);
  });

  test("UCS-2: 70 characters fit one part; 71 need two parts of at most 67", () => {
    expect(splitIntoParts("ż".repeat(70))).toEqual({ encoding: "UCS2", parts: ["ż".repeat(70)] });
    expect(partsOf("ż".repeat(71)).map((part) => part.length)).toEqual([67, 4]);
    expect(partsOf("ż".repeat(135))).toHaveLength(3);
  });

  test("UCS-2: an emoji (a surrogate pair) is never split between two parts", () => {
    const text = `${"ż".repeat(66)}🚚${"ż".repeat(10)}`;
    const parts = partsOf(text);
    expect(parts[0]).toBe("ż".repeat(66));
    expect(parts[1]?.startsWith("🚚")).toBe(true);
    expect(parts.join("")).toBe(text);
  });
});
