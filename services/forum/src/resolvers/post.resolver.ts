import { renderMarkdown } from '@hub/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Author } from '../entities/author.type';
import { ThreadStatus } from '../entities/enums';
import { Post } from '../entities/post.entity';
import { Organisation, organisationReference } from '../entities/references.type';
import { Thread } from '../entities/thread.entity';
import type { ForumContext } from '../loaders';
import { canReadText, isAuthor } from '../queries/visibility.query';

@Resolver(() => Post)
export class PostResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The text as written, in Markdown (never insert it into HTML as is: use `bodyHtml`). Null when the post is hidden, except for moderators of the thread's organisation and hub admins.",
  })
  async body(@Root() post: Post, @Ctx() context: ForumContext): Promise<string | null> {
    return (await canReadText(context, post)) ? post.body : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The text rendered to HTML and sanitised (no scripts, event handlers, `javascript:` URLs or embedded content), safe to insert into a page. Null when `body` is.',
  })
  async bodyHtml(@Root() post: Post, @Ctx() context: ForumContext): Promise<string | null> {
    // Rendered on read, so a fix of the sanitiser protects posts written before it.
    return (await canReadText(context, post)) ? renderMarkdown(post.body) : null;
  }

  @FieldResolver(() => Author, { description: 'Who wrote the post.' })
  author(@Root() post: Post): Author {
    return Object.assign(new Author(), {
      displayName: post.authorName,
      organisation: organisationReference(post.organisationId),
    });
  }

  @FieldResolver(() => Organisation, { description: 'The organisation the author wrote for.' })
  organisation(@Root() post: Post): Organisation {
    return organisationReference(post.organisationId);
  }

  @FieldResolver(() => Thread, { description: 'The thread the post belongs to.' })
  async thread(@Root() post: Post, @Ctx() { loaders }: ForumContext): Promise<Thread> {
    return (await loaders.threadById.load(post.threadId)) as Thread;
  }

  @FieldResolver(() => Post, {
    nullable: true,
    description: 'The post of the same thread this one answers; null when it answers the thread as a whole.',
  })
  replyTo(@Root() post: Post, @Ctx() { loaders }: ForumContext): Promise<Post | null> | null {
    return post.replyToId ? loaders.postById.load(post.replyToId) : null;
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when the caller may edit this post now: they wrote it for their current organisation, it is not hidden, and the thread is open.',
  })
  async canEdit(@Root() post: Post, @Ctx() { caller, loaders }: ForumContext): Promise<boolean> {
    if (post.hidden || !isAuthor(caller, post)) return false;
    const thread = await loaders.threadById.load(post.threadId);
    return thread?.status === ThreadStatus.OPEN;
  }
}
