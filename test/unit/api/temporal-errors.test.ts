/** How the API names Temporal's failures: a case that is only busy is a 503 to retry, never a 500. */
import { ServiceError } from '@temporalio/client';
import { ApiError } from '../../../api/errors';
import { mapTemporalError } from '../../../api/temporal';

function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

describe('mapTemporalError', () => {
  it('answers 503 when the server refuses an update because the case’s workflow task failed', () => {
    const refused = new ServiceError('Workflow Update failed', {
      cause: grpcError(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.'),
    });
    const mapped = mapTemporalError(refused);
    expect(mapped).toBeInstanceOf(ApiError);
    expect(mapped).toMatchObject({ status: 503, code: 'unavailable' });
  });

  it('leaves any other failed precondition to the error handler, which answers 500', () => {
    const other = new ServiceError('Workflow Update failed', { cause: grpcError(9, 'something else') });
    expect(mapTemporalError(other)).toBe(other);
  });
});
