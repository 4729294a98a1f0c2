import { renderMarkdown } from '@hub/kit';
import { Field, ObjectType } from 'type-graphql';

/** A resource in one more language (stored in the resource's `versions` JSON column). */
@ObjectType('ResourceLanguageVersion', {
  description: 'The resource in another language: its own title, summary, body and link.',
})
export class ResourceLanguageVersion {
  @Field(() => String, { description: 'Language, an ISO 639-1 code such as "fr".' })
  language!: string;

  @Field(() => String, { description: 'Title in this language, 3-200 characters of plain text.' })
  title!: string;

  @Field(() => String, { description: 'Summary in this language, plain text of at most 1,000 characters.' })
  summary!: string;

  @Field(() => String, {
    description:
      'Body in this language as Markdown source, for editing. Never insert it into a page as HTML: use `bodyHtml`.',
  })
  body!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Link to this language version (http or https), when any.',
  })
  link!: string | null;

  @Field(() => String, {
    description:
      '`body` rendered to HTML and sanitised (no scripts, event handlers or non-http(s)/mailto links).',
  })
  bodyHtml(): string {
    return renderMarkdown(this.body ?? '');
  }
}

/** A stored version as a GraphQL object (JSON rows are plain objects). */
export function toLanguageVersion(
  stored: Omit<ResourceLanguageVersion, 'bodyHtml'>,
): ResourceLanguageVersion {
  return Object.assign(new ResourceLanguageVersion(), stored);
}
