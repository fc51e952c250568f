package com.kapta.mailchimp.mailchimp;

import java.util.List;

/** One page of an audience's members, and how many members the audience has in all. */
public record MemberPage(List<Member> members, int totalItems) {
}
