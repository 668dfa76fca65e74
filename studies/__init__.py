"""The studies shipped with wirelesseff: one script per reproduced figure or parameter study.

In the repository they live in the top-level ``studies/`` folder; installed, they are the
subpackage ``wirelesseff.studies`` (``studies/fas/outage_vs_ports.py`` is the module
``wirelesseff.studies.fas.outage_vs_ports``). :mod:`wirelesseff.registry` discovers them and
``wirelesseff list`` / ``wirelesseff run`` use them; see docs/cli.md, "Where studies come from".
"""
