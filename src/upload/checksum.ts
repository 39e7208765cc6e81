/** SHA-256 of a blob's bytes as lowercase hex: the `checksum` an upload declares and the target verifies. */
export async function checksum(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
