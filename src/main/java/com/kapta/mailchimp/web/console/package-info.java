/**
 * The web console's pages, in the user guide's words and menus: the Mailchimp start page
 * with its upload and download dialogs, Settings › Integrations, Jobs and each run's
 * page, Schedule, Data (export and import), Contacts with a contact's Communications and
 * History tabs, and Activity. Thin: they call the same launchers and services as the
 * command line and the API.
 */
@NullMarked
package com.kapta.mailchimp.web.console;

import org.jspecify.annotations.NullMarked;
