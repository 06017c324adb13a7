"""Russian period expressions («2-3 квартал», «январь-декабрь (не реже 1 раза в квартал)») read
into a Schedule. Plain Python: no Django here."""
