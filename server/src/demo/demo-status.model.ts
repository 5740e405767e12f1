import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum DemoState {
  /** This server loads no demo fleet: FLEETLAB_DEMO is off, or the database had data. */
  NONE = 'NONE',
  LOADING = 'LOADING',
  LOADED = 'LOADED',
  /** Loading stopped on an error; the server's log says which. */
  FAILED = 'FAILED',
}

registerEnumType(DemoState, { name: 'DemoState' });

@ObjectType({
  description:
    'The demo fleet the server loads in the background after it starts (FLEETLAB_DEMO), and how far it got.',
})
export class DemoStatus {
  @Field(() => DemoState)
  state: DemoState;

  @Field(() => Int, { description: 'Hosts whose history, opt-in and reports are all in.' })
  hostsLoaded: number;

  @Field(() => Int, { description: 'Hosts the demo fleet will have.' })
  hosts: number;
}
