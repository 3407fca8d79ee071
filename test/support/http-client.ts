/** A tiny HTTP client for end-to-end tests: JSON in and out, optional API key, optional session cookie. */
import { eventually } from './free-port';
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string | null = null,
  ) {}

  withKey(key: string): TestClient {
    return new TestClient(this.baseUrl, key);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const isForm = body instanceof URLSearchParams;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined ? { 'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json' } : {}),
        ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body.toString() : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }

  /** Opens a session (POST /v1/sessions) and keeps its cookie and CSRF token. */
  async signIn(email: string, password: string): Promise<Answer<{ csrfToken: string; role: string }>> {
    const answer = await this.post<{ csrfToken: string; role: string }>('/v1/sessions', { email, password });
    const setCookie = answer.headers.get('set-cookie');
    if (answer.status === 201 && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrfToken = answer.body.csrfToken;
    }
    return answer;
  }
}

/** Posts a landlord's alert and answers the household it was linked to, once the worker processed it. */
export async function householdOfAlert(landlord: TestClient, alert: object, timeoutMs = 60_000): Promise<string> {
  const posted = await landlord.post<{ submissionId: string }>('/v1/alerts', alert);
  if (posted.status !== 202) throw new Error(`the alert was refused (${posted.status}): ${posted.text}`);
  return eventually(
    async () => {
      const s = await landlord.get<{ status: string; outcome: { householdId: string } }>(`/v1/submissions/${posted.body.submissionId}`);
      return s.body.status === 'processed' ? s.body.outcome.householdId : undefined;
    },
    timeoutMs,
    'the alert to be processed',
  );
}
