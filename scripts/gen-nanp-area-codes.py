#!/usr/bin/env python3
"""Generates data/nanp-area-codes.tsv: one line per NANP area code (NPA),

    NPA <TAB> region <TAB> zones

region: the two-letter USPS code of a US state, district or territory
(TX, DC, PR); `CA-XX` for a Canadian province or territory; the country's
name for the other NANP countries. zones: the IANA time zones the area code
covers, sorted, separated by `,`.

Inputs, both from libphonenumber (Apache-2.0):

  geocoding  resources/geocoding/en/1.txt, as shipped in the phonenumber crate
             (assets/geocoding/en/1.txt of phonenumber 0.3.10+9.0.33, i.e.
             libphonenumber metadata 9.0.33). A line `1NPA|Name` names the
             area code's state or province; when there is none, the names of
             the area code's longer prefixes (`City, XX`) must agree on one.
  timezones  resources/timezones/map_data.txt of libphonenumber (tag v9.0.33,
             commit 5178ee5b450e37a3adda9808abb09200acbae5db); only its `1...`
             lines are read. The zones of an area code are the union of the
             zones of every prefix that starts with `1NPA`.

Usage: scripts/gen-nanp-area-codes.py GEOCODING_1_TXT MAP_DATA_TXT > data/nanp-area-codes.tsv
"""

import re
import sys

US_STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR",
    "California": "CA", "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE",
    "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD",
    "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
    "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE",
    "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ",
    "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR",
    "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC",
    "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT",
    "Vermont": "VT", "Virginia": "VA", "Washington": "WA",
    "Washington State": "WA", "West Virginia": "WV", "Wisconsin": "WI",
    "Wyoming": "WY", "Washington D.C.": "DC",
}

CANADA = {
    "Alberta": "CA-AB", "British Columbia": "CA-BC",
    "British Colombia": "CA-BC",  # sic, in the geocoding file
    "Manitoba": "CA-MB", "New Brunswick": "CA-NB",
    "Newfoundland and Labrador": "CA-NL",
    "Nova Scotia/Prince Edward Island": "CA-NS/PE",
    "Northwest Territories/Nunavut/Yukon": "CA-NT/NU/YT",
    "Ontario": "CA-ON", "Quebec": "CA-QC", "Saskatchewan": "CA-SK",
}

# `City, XX` suffixes that are Canadian provinces rather than US states.
CANADA_SUFFIX = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}

# Area codes of the NANP outside the US states and Canada, which the
# geocoding file names only by place (NANPA's assignments). US territories
# keep their USPS codes; other countries their names.
OTHER = {
    "242": "Bahamas", "246": "Barbados", "264": "Anguilla",
    "268": "Antigua and Barbuda", "284": "British Virgin Islands",
    "340": "VI", "345": "Cayman Islands", "441": "Bermuda", "473": "Grenada",
    "649": "Turks and Caicos Islands", "658": "Jamaica", "664": "Montserrat",
    "670": "MP", "671": "GU", "684": "AS", "721": "Sint Maarten",
    "758": "Saint Lucia", "767": "Dominica",
    "784": "Saint Vincent and the Grenadines", "787": "PR",
    "809": "Dominican Republic", "829": "Dominican Republic",
    "849": "Dominican Republic", "868": "Trinidad and Tobago",
    "869": "Saint Kitts and Nevis", "876": "Jamaica", "939": "PR",
}

NPA = re.compile(r"^1([2-9][0-9]{2})")


def code_of(name):
    """The region code of a geocoding name, or None."""
    if name in US_STATES:
        return US_STATES[name]
    if name in CANADA:
        return CANADA[name]
    m = re.search(r", ([A-Z]{2})$", name)
    if m:
        suffix = m.group(1)
        if suffix in CANADA_SUFFIX:
            return "CA-" + suffix
        if suffix in US_STATES.values():
            return suffix
    return None


def lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                prefix, _, value = line.partition("|")
                yield prefix, value


def main(geocoding, timezones):
    direct = {}
    longer = {}
    for prefix, name in lines(geocoding):
        m = NPA.match(prefix)
        if not m:
            continue
        npa = m.group(1)
        if len(prefix) == 4:
            direct[npa] = name
        else:
            longer.setdefault(npa, set()).add(code_of(name))

    zones = {}
    for prefix, value in lines(timezones):
        m = NPA.match(prefix)
        if m:
            zones.setdefault(m.group(1), set()).update(value.split("&"))

    rows = []
    problems = []
    for npa in sorted(set(direct) | set(longer) | set(zones)):
        if npa in direct:
            region = code_of(direct[npa])
        elif npa in OTHER:
            region = OTHER[npa]
        elif len(longer.get(npa, set())) == 1 and None not in longer[npa]:
            region = next(iter(longer[npa]))
        else:
            region = None
        if region is None:
            problems.append(f"{npa}: no region ({direct.get(npa)!r}, {longer.get(npa)!r})")
            continue
        if npa not in zones:
            problems.append(f"{npa}: no time zones")
            continue
        rows.append(f"{npa}\t{region}\t{','.join(sorted(zones[npa]))}")
    if problems:
        sys.exit("\n".join(problems))

    print("# NANP area code <TAB> region <TAB> IANA time zones (comma-separated).")
    print("# Generated by scripts/gen-nanp-area-codes.py; do not edit by hand.")
    print("# Derived from libphonenumber (https://github.com/google/libphonenumber),")
    print("# Copyright (C) 2011-2012 The Libphonenumber Authors, Apache License 2.0:")
    print("#   resources/geocoding/en/1.txt, metadata 9.0.33 (as shipped in the")
    print("#     phonenumber crate 0.3.10+9.0.33, assets/geocoding/en/1.txt);")
    print("#   resources/timezones/map_data.txt at tag v9.0.33")
    print("#     (commit 5178ee5b450e37a3adda9808abb09200acbae5db).")
    print("# Region: USPS code of a US state, district or territory; CA-XX for a")
    print("# Canadian province; the country's name for other NANP members.")
    for row in rows:
        print(row)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
