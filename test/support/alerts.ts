/** Alerts of distinct households (names, streets, phones and e-mails no two share), as landlords post them. */
const SYLLABLES = ['ba', 'ko', 'mi', 'tu', 're', 'sa', 'lo', 'vi', 'da', 'pe', 'nu', 'gi', 'fo', 'ze', 'ry', 'ha'];

function nameOf(i: number, salt: number): string {
  const parts = [0, 1, 2].map((k) => SYLLABLES[(Math.floor(i / 16 ** k) + salt * (k + 1)) % 16]);
  const name = parts.join('');
  return name[0].toUpperCase() + name.slice(1);
}

export interface TestAlert {
  partnerRef: string;
  phone: string;
  email: string;
  body: Record<string, unknown>;
}

export function distinctAlerts(count: number, label: string, firstIndex = 0): TestAlert[] {
  return Array.from({ length: count }, (_, k) => {
    const i = firstIndex + k;
    // Last four digits from 5000 on: none of the sandbox's magic numbers (0001-0004, 0429, 0500).
    const phone = `+33623${String(145000 + i)}`;
    const email = `${label}.${i}@example.org`;
    const partnerRef = `${label.toUpperCase()}-${i}`;
    return {
      partnerRef,
      phone,
      email,
      body: {
        partnerRef,
        tenant: { lastName: `${nameOf(i, 3)}${nameOf(i, 7).toLowerCase()}`, firstName: nameOf(i, 11) },
        address: {
          street: `${i + 1} ${['rue', 'avenue', 'allée', 'boulevard'][i % 4]} ${nameOf(i, 5)}`,
          postalCode: '93200',
          city: 'Saint-Denis',
        },
        contacts: { phone, email },
        lease: { housingSector: 'social', monthlyRent: 500 + (i % 50) },
        arrears: { amount: 1000 + i, firstUnpaidOn: '2026-10-05' },
      },
    };
  });
}

export async function postAlert(
  baseUrl: string,
  key: string,
  alert: TestAlert,
  idempotencyKey = `alert-${alert.partnerRef}`,
): Promise<Response> {
  return fetch(`${baseUrl}/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey },
    body: JSON.stringify(alert.body),
  });
}
