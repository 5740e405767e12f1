import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { slugProblem, type Problem } from '@fleetlab/shared';
import {
  assertNoProblems,
  badInput,
  isUniqueViolation,
  notFound,
} from '../common/graphql-errors.js';
import { assertSlug } from '../common/assert-slug.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import { ChangeEntity } from './change.entity.js';
import type { CreateChangeInput } from './dto/create-change.input.js';

@Injectable()
export class ChangesService {
  constructor(
    @InjectRepository(ChangeEntity) private readonly changes: Repository<ChangeEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  list(): Promise<ChangeEntity[]> {
    return this.changes.find({ order: { createdAt: 'DESC', slug: 'ASC' } });
  }

  async bySlug(slug: string): Promise<ChangeEntity> {
    assertSlug(slug, 'change slug', 'changeSlug');
    const change = await this.changes.findOneBy({ slug });
    if (!change)
      throw notFound(`No change with slug "${slug}". List them with the \`changes\` query.`);
    return change;
  }

  byId(id: string): Promise<ChangeEntity | null> {
    return this.changes.findOneBy({ id });
  }

  async create(input: CreateChangeInput): Promise<ChangeEntity> {
    assertNoProblems(validateChange(input));
    if (await this.changes.existsBy({ slug: input.slug })) {
      throw duplicateSlug(input.slug);
    }
    try {
      return await retryingTransaction(this.dataSource, (manager) =>
        manager.save(
          manager.create(ChangeEntity, {
            slug: input.slug,
            title: input.title.trim(),
            description: input.description?.trim() || null,
            upstreamUrl: input.upstreamUrl?.trim() || null,
          }),
        ),
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateSlug(input.slug);
      throw e;
    }
  }
}

function duplicateSlug(slug: string): Error {
  return badInput(`A change with slug "${slug}" already exists; choose another slug.`, {
    field: 'slug',
    reason: 'DUPLICATE_SLUG',
  });
}

function validateChange(input: CreateChangeInput): Problem[] {
  const problems: Problem[] = [];
  const slug = slugProblem(input.slug, 'change slug');
  if (slug) problems.push({ field: 'slug', message: slug });
  const title = input.title.trim();
  if (title.length === 0 || title.length > 200) {
    problems.push({ field: 'title', message: 'title must be 1 to 200 characters' });
  }
  if ((input.description ?? '').length > 20000) {
    problems.push({
      field: 'description',
      message: 'description must be at most 20,000 characters',
    });
  }
  const url = input.upstreamUrl?.trim();
  if (url && !/^https?:\/\/\S+$/.test(url)) {
    problems.push({
      field: 'upstreamUrl',
      message: `upstreamUrl must be an http(s) link, e.g. https://fedoraproject.org/wiki/Changes/RPMCoW, got "${url}"`,
    });
  }
  return problems;
}
