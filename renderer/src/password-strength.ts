export type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string; hint: string };

const COMMON = ["password", "passwort", "123456", "qwerty", "letmein", "iloveyou", "admin", "welcome", "xmpp", "jabber"];

/** A rough hint, not a guarantee: length matters most, then variety; common words cost. */
export function passwordStrength(password: string): Strength {
  if (password.length === 0) return { score: 0, label: "", hint: "Use 12 or more characters. A few unrelated words work well." };
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
      return { score: clamped, label: "Weak", hint: "Easy to guess. Use 12 or more characters, or a few unrelated words." };
    case 2:
      return { score: clamped, label: "Fair", hint: "Could be stronger: make it longer." };
    case 3:
      return { score: clamped, label: "Good", hint: "A good password." };
    case 4:
      return { score: clamped, label: "Strong", hint: "A strong password." };
  }
}
