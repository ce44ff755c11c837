"""`graphkit report`: a static, offline, self-contained site of the graph.

``model`` holds what the pages show (read by ``graphkit.service.reporting``), ``html`` and
``assets`` the page shell (one stylesheet, one script allowed by hash, a strict CSP), and one
module per page kind: ``index`` (figures, rankings, heat map, search, full lists), ``family``
(members side by side with their differences marked by ``graphkit.analysis.align``), ``notice``
(the clean text with every issue and measure highlighted by its span) and ``unit``. ``site``
writes them all.
"""
