#!/usr/bin/env python3
"""Standalone OPC UA test server for the `live` crate's integration tests.

Usage:
    python opcua_server.py --port PORT [--shift-namespaces]

Serves opc.tcp://127.0.0.1:PORT/ (security None, anonymous login) with the
namespace "urn:plant:kiln" (index 2, or 3 with --shift-namespaces) and a
folder Objects/Kiln holding:

    Kiln.Counter    Double  k = 1, 2, 3, ... every 100 ms, history recorded,
                            EngineeringUnits kW (UNECE "KWT")
    Kiln.PowerMW    Double  0.4 + 0.001 * k, EngineeringUnits MW ("MAW")
    Kiln.ShellTemp  Double  300.0 (re-stamped every tick), EngineeringUnits
                            degC ("CEL")
    Kiln.Speed      Float   3.5, no EngineeringUnits
    Kiln.InletO2    Double  3.0 written with StatusCode BadSensorFailure
                            (asyncua replaces the value of a Bad DataValue
                            with null, as OPC UA Part 4 7.7.1 requires)

Prints exactly one line "READY" on stdout once listening; everything else
(warnings, errors) goes to stderr. Runs until SIGTERM/SIGINT/SIGKILL.

Requires asyncua (written against 2.1.0).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from datetime import datetime, timezone

from asyncua import Server, ua

APPLICATION_URI = "urn:plant-twin:asyncua-test"
KILN_NS = "urn:plant:kiln"
DUMMY_NS = "urn:plant-twin:dummy"
UNITS_NS = "http://www.opcfoundation.org/UA/units/un/cefact"
TICK_S = 0.1


def unece_unit_id(code: str) -> int:
    """Pack a UNECE common code into an Int32 as described in OPC UA Part 8."""
    unit_id = 0
    for c in code:
        unit_id = (unit_id << 8) | ord(c)
    return unit_id


def eu_information(code: str, display: str, description: str) -> ua.EUInformation:
    return ua.EUInformation(
        NamespaceUri=UNITS_NS,
        UnitId=unece_unit_id(code),
        DisplayName=ua.LocalizedText(display, "en"),
        Description=ua.LocalizedText(description, "en"),
    )


async def add_engineering_units(node, ns: int, eu: ua.EUInformation) -> None:
    # Standard property: BrowseName "EngineeringUnits" in namespace 0,
    # HasProperty reference, DataType EUInformation (i=887).
    await node.add_property(
        ua.NodeId(f"{node.nodeid.Identifier}.EngineeringUnits", ns),
        ua.QualifiedName("EngineeringUnits", 0),
        eu,
        varianttype=ua.VariantType.ExtensionObject,
        datatype=ua.NodeId(ua.ObjectIds.EUInformation, 0),
    )


def dv(value, vtype: ua.VariantType, ts: datetime, status: int | None = None) -> ua.DataValue:
    return ua.DataValue(
        Value=ua.Variant(value, vtype),
        StatusCode=ua.StatusCode(status) if status is not None else ua.StatusCode(ua.StatusCodes.Good),
        SourceTimestamp=ts,
        ServerTimestamp=ts,
    )


async def run(port: int, shift_namespaces: bool) -> int:
    server = Server()
    await server.init()
    await server.set_application_uri(APPLICATION_URI)
    server.set_server_name("plant-twin asyncua test server")
    server.set_endpoint(f"opc.tcp://127.0.0.1:{port}/")
    server.set_security_policy([ua.SecurityPolicyType.NoSecurity])
    server.set_identity_tokens([ua.AnonymousIdentityToken])
    # Keep the SourceTimestamp == ServerTimestamp we write ourselves.
    server.set_force_server_timestamp(False)

    if shift_namespaces:
        await server.register_namespace(DUMMY_NS)
    ns = await server.register_namespace(KILN_NS)
    expected = 3 if shift_namespaces else 2
    if ns != expected:
        print(f"opcua_server: {KILN_NS} got namespace index {ns}, expected {expected}", file=sys.stderr)
        return 1

    kiln = await server.nodes.objects.add_folder(ua.NodeId("Kiln", ns), ua.QualifiedName("Kiln", ns))

    async def add_var(name: str, value, vtype: ua.VariantType):
        return await kiln.add_variable(
            ua.NodeId(name, ns), ua.QualifiedName(name, ns), value, varianttype=vtype
        )

    counter = await add_var("Kiln.Counter", 0.0, ua.VariantType.Double)
    power = await add_var("Kiln.PowerMW", 0.4, ua.VariantType.Double)
    shell = await add_var("Kiln.ShellTemp", 300.0, ua.VariantType.Double)
    speed = await add_var("Kiln.Speed", 3.5, ua.VariantType.Float)
    inlet = await add_var("Kiln.InletO2", 3.0, ua.VariantType.Double)

    await add_engineering_units(counter, ns, eu_information("KWT", "kW", "kilowatt"))
    await add_engineering_units(power, ns, eu_information("MAW", "MW", "megawatt"))
    await add_engineering_units(shell, ns, eu_information("CEL", "°C", "degree Celsius"))

    try:
        await server.start()
    except Exception as exc:  # noqa: BLE001
        print(f"opcua_server: failed to start on port {port}: {exc}", file=sys.stderr)
        return 1

    write = server.write_attribute_value  # bypasses the service layer, fires data-change callbacks
    bad_sensor = ua.StatusCodes.BadSensorFailure
    loop = asyncio.get_running_loop()

    async def tick(k: int) -> None:
        ts = datetime.now(timezone.utc)
        await write(counter.nodeid, dv(float(k), ua.VariantType.Double, ts))
        await write(power.nodeid, dv(0.4 + 0.001 * k, ua.VariantType.Double, ts))
        await write(shell.nodeid, dv(300.0, ua.VariantType.Double, ts))
        await write(speed.nodeid, dv(3.5, ua.VariantType.Float, ts))
        await write(inlet.nodeid, dv(3.0, ua.VariantType.Double, ts, bad_sensor))

    # Tick k = 1 happens before history recording starts, so the recorded
    # history begins with k = 1 (the historizing subscription stores the
    # current value as its first sample) instead of the placeholder the
    # variables were created with.
    first_tick_at = loop.time()
    await tick(1)
    # In-memory history (HistoryDict), unlimited period and count.
    await server.historize_node_data_change(counter, period=None, count=0)

    async def tick_loop() -> None:
        k = 1
        next_t = first_tick_at
        while True:
            next_t += TICK_S
            delay = next_t - loop.time()
            if delay < 0:
                # Fell behind (e.g. a stalled loop): k still goes up by exactly
                # 1 per tick; re-anchor the schedule instead of bursting.
                next_t = loop.time()
                delay = 0
            await asyncio.sleep(delay)
            k += 1
            await tick(k)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    ticker = asyncio.create_task(tick_loop())

    sys.stdout.write("READY\n")
    sys.stdout.flush()

    await stop.wait()
    ticker.cancel()
    try:
        await asyncio.wait_for(server.stop(), timeout=0.25)
    except BaseException:  # noqa: BLE001 - shutting down anyway
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description="OPC UA test server (asyncua)")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--shift-namespaces", action="store_true")
    args = parser.parse_args()

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger("asyncua").setLevel(logging.WARNING)

    rc = asyncio.run(run(args.port, args.shift_namespaces))
    sys.stderr.flush()
    sys.stdout.flush()
    # Skip interpreter teardown of lingering executor threads: exit promptly.
    os._exit(rc)


if __name__ == "__main__":
    main()
