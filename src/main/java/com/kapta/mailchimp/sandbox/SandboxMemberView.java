package com.kapta.mailchimp.sandbox;

import java.util.List;

/**
 * A sandbox member as tests and the demo see it.
 *
 * @param email the address
 * @param status its status
 * @param firstName FNAME
 * @param lastName LNAME
 * @param tags its tag names, in the order they were added
 */
public record SandboxMemberView(String email, String status, String firstName, String lastName, List<String> tags) {
}
