package com.kapta.mailchimp.mailchimp;

/** A tag on a member: the tag's (static segment's) id and name. */
public record MemberTag(long id, String name) {
}
