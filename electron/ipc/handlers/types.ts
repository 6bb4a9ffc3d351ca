import type { Channel, Output, ParsedInput } from '../../../shared/ipc/contract';
import type { Ctx } from '../../services/context';

export type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: Ctx) => Promise<Output<C>> | Output<C>;
/** Handlers of one domain: a subset of the channels, checked against the contract. */
export type DomainHandlers<C extends Channel> = { [K in C]: Handler<K> };
export type Handlers = DomainHandlers<Channel>;
