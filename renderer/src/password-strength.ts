import { defineMessages, type IntlShape } from "react-intl";

const messages = defineMessages({
  empty: { id: "password.strength.emptyHint", defaultMessage: "Use 12 or more characters. A few unrelated words work well." },
  weak: { id: "password.strength.weak", defaultMessage: "Weak" },
  weakHint: { id: "password.strength.weakHint", defaultMessage: "Easy to guess. Use 12 or more characters, or a few unrelated words." },
  fair: { id: "password.strength.fair", defaultMessage: "Fair" },
  fairHint: { id: "password.strength.fairHint", defaultMessage: "Could be stronger: make it longer." },
  good: { id: "password.strength.good", defaultMessage: "Good" },
  goodHint: { id: "password.strength.goodHint", defaultMessage: "A good password." },
  strong: { id: "password.strength.strong", defaultMessage: "Strong" },
  strongHint: { id: "password.strength.strongHint", defaultMessage: "A strong password." },
});

export type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string; hint: string };

const COMMON = ["password", "passwort", "123456", "qwerty", "letmein", "iloveyou", "admin", "welcome", "xmpp", "jabber"];

/** A rough hint, not a guarantee: length matters most, then variety; common words cost. */
export function passwordStrength(intl: IntlShape, password: string): Strength {
  if (password.length === 0) return { score: 0, label: "", hint: intl.formatMessage(messages.empty) };
  let score = 0;
  if (password.length >= 8) score++;
  if (password.length >= 12) score++;
  if (password.length >= 16) score++;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes >= 3 || (classes >= 2 && password.length >= 14)) score++;
  const lower = password.toLowerCase();
  if (COMMON.some((word) => lower.includes(word)) || /^(.)\1+$/.test(password) || /^\d+$/.test(password)) score = Math.min(score, 1);
  const clamped = Math.min(4, score) as Strength["score"];
  switch (clamped) {
    case 0:
    case 1:
      return { score: clamped, label: intl.formatMessage(messages.weak), hint: intl.formatMessage(messages.weakHint) };
    case 2:
      return { score: clamped, label: intl.formatMessage(messages.fair), hint: intl.formatMessage(messages.fairHint) };
    case 3:
      return { score: clamped, label: intl.formatMessage(messages.good), hint: intl.formatMessage(messages.goodHint) };
    case 4:
      return { score: clamped, label: intl.formatMessage(messages.strong), hint: intl.formatMessage(messages.strongHint) };
  }
}
