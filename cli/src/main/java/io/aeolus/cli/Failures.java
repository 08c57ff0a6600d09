package io.aeolus.cli;

import io.aeolus.management.ErrorCode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

/**
 * Turns a failed management call into the CLI's one-line error and exit code.
 */
final class Failures
{
    private Failures()
    {
    }

    static CliException of(final JMSException ex)
    {
        final String message = null == ex.getMessage() ? ex.toString() : ex.getMessage();
        if (ex instanceof JMSSecurityException || ErrorCode.ACCESS_DENIED.equals(ex.getErrorCode()))
        {
            return new CliException(AeolusCli.DENIED, message);
        }
        if (ErrorCode.TIMEOUT.equals(ex.getErrorCode()))
        {
            return new CliException(AeolusCli.UNREACHABLE, message);
        }
        return new CliException(AeolusCli.FAILED, null == ex.getErrorCode() ? message :
            message + " (" + ex.getErrorCode() + ")");
    }
}
