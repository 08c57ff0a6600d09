package io.aeolus.ra.app;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * What ContainerIT drives over HTTP: {@code /do/send?queue=&text=&rollback=&api=}, {@code /do/rows},
 * {@code /do/refusals}.
 */
@WebServlet("/do/*")
public class OrderServlet extends HttpServlet
{
    private static final long serialVersionUID = 1L;

    @EJB
    private SenderBean sender;

    @Override
    protected void doGet(final HttpServletRequest request, final HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain");
        try
        {
            final String path = request.getPathInfo();
            if ("/send".equals(path))
            {
                try
                {
                    final boolean rollback = Boolean.parseBoolean(request.getParameter("rollback"));
                    if ("context".equals(request.getParameter("api")))
                    {
                        sender.sendWithContext(request.getParameter("queue"), request.getParameter("text"), rollback);
                    }
                    else
                    {
                        sender.send(request.getParameter("queue"), request.getParameter("text"), rollback);
                    }
                    response.getWriter().print("sent");
                }
                catch (final jakarta.ejb.EJBTransactionRolledbackException ex)
                {
                    response.getWriter().print("rolled back");
                }
            }
            else if ("/rows".equals(path))
            {
                response.getWriter().print(String.join("\n", sender.rows()));
            }
            else if ("/refusals".equals(path))
            {
                response.getWriter().print(sender.refusals());
            }
            else
            {
                response.sendError(404, "unknown: " + path);
            }
        }
        catch (final Exception ex)
        {
            response.setStatus(500);
            ex.printStackTrace(response.getWriter());
        }
    }
}
