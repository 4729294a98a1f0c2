import { createConnectionType } from '@hub/kit';
import { Post } from './post.entity';

/** A page of the posts of a thread (`Thread.posts`). */
export const PostConnection = createConnectionType(Post, 'Post', 'posts');
export type PostConnection = InstanceType<typeof PostConnection>;
