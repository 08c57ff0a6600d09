package io.aeolus.console.notifications;

/**
 * How much a notice matters; decides its icon and how long it stays.
 */
public enum NoticeLevel
{
    /** A long operation completed. */
    INFO,
    /** Something worked only in part. */
    WARNING,
    /** A background call failed. */
    ERROR
}
