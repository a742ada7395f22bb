/** The gateway's failure types live in domain/ so that workflow code can name them; the adapters re-export them. */
export { GatewayFailureType, nonRetryableGatewayFailureTypes } from '../domain/gateway-failures';
