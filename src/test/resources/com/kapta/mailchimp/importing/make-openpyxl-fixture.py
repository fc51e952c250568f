# Writes openpyxl-made.xlsx, the import tests' workbook from another xlsx writer than POI (shared strings,
# a title row above the header, numbers, booleans, a hidden first sheet). Regenerate with:
#   /usr/bin/python3 make-openpyxl-fixture.py    (Debian: apt-get install python3-openpyxl)
from openpyxl import Workbook

workbook = Workbook()
hidden = workbook.active
hidden.title = "Notes"
hidden["A1"] = "Email Address"
hidden["A2"] = "hidden@example.com"
hidden.sheet_state = "hidden"
sheet = workbook.create_sheet("Contacts")
sheet.append(["Exported from our CRM"])
sheet.append(["E-mail", "First Name", "Admin User", "VIP", "Champion", "Score"])
sheet.append(["ann@example.com", "Ann", "Y", "y", "N", 12.5])
sheet.append(["bob@example.com", 42, "n", True, None, None])
sheet.append(["not an email", "Nobody", "Y", None, None, None])
workbook.save("openpyxl-made.xlsx")
