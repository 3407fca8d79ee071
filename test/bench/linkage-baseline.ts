import { fold } from '../../libs/linkage/src/domain/text';
import { PartnerRecordInput } from '../../libs/linkage/src/domain/record';

/** Reference from the issue: exact match on name + postal code, or on CAF number. */
export function exactKeyBaseline(records: readonly PartnerRecordInput[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const byKey = new Map<string, string>();
  for (const r of records) parent.set(r.recordId, r.recordId);
  for (const r of records) {
    const keys = [`n:${fold(r.lastName)}|${fold(r.firstName)}|${r.postalCode ?? ''}`];
    if (r.cafNumber) keys.push(`c:${r.cafNumber}`);
    for (const key of keys) {
      const other = byKey.get(key);
      if (other) parent.set(find(r.recordId), find(other));
      else byKey.set(key, r.recordId);
    }
  }
  return new Map(records.map((r) => [r.recordId, find(r.recordId)]));
}
