import { describe, expect, it } from '@jest/globals';
import { forwardRef, Injectable, Module } from '@nestjs/common';
import { Resolver } from '@nestjs/graphql';
import { resolversOf } from './resolvers.js';

@Resolver()
class OwnResolver {}
@Resolver()
class ImportedResolver {}
@Resolver()
class DynamicResolver {}
@Resolver()
class LateResolver {}
@Injectable()
class PlainService {}

@Module({ providers: [LateResolver] })
class LateModule {}
@Module({ providers: [ImportedResolver, PlainService], imports: [forwardRef(() => LateModule)] })
class ImportedModule {}
@Module({})
class DynamicHost {}
@Module({ imports: [ImportedModule], providers: [OwnResolver, PlainService] })
class RootModule {}

describe(resolversOf.name, () => {
  it('finds the resolvers of the modules and of all they import, once each', () => {
    const dynamic = { module: DynamicHost, providers: [DynamicResolver], imports: [RootModule] };
    const found = resolversOf([RootModule, dynamic, ImportedModule]);
    expect(new Set(found)).toEqual(
      new Set([OwnResolver, ImportedResolver, LateResolver, DynamicResolver]),
    );
    expect(found).toHaveLength(4);
  });
});
