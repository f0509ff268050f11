/**
 * A JUnit 5 extension that gives each test a fresh in-process Switchboard runtime with a manual clock.
 */
package dev.switchboard.junit;
