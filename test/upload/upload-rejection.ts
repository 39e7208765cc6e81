import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/upload/put-presigned.js';

/** The UploadError a promise rejects with; fails the test if it resolves or rejects otherwise. */
export async function uploadRejection(promise: Promise<unknown>): Promise<UploadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(UploadError);
    return error as UploadError;
  }
  throw new Error('expected the upload to fail');
}
